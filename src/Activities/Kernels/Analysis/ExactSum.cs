using System.Globalization;
using System.Numerics;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// An exact sum of doubles: every finite double is an integer multiple of 2^-1074, so the sum is kept as one long
/// fixed-point integer in 32-bit digits (a "superaccumulator"). Addition is then exact, hence associative and
/// commutative: the result does not depend on chunk size, on merge order or on the executor, which a compensated
/// or pairwise float sum cannot promise. It costs a few integer operations per add and is rounded to a double once,
/// when the result is read.
/// </summary>
internal sealed class ExactSum : IEquatable<ExactSum>
{
    // Digit k is worth 2^(32k - 1074). A double's mantissa (53 bits) shifted by up to 31 bits touches three digits;
    // the top exponent (971 + 53 bits) lands in digit 66, and the spare digits hold carries of huge sums.
    private const int Digits = 70;
    private const int Base = -1074;

    // Each add puts less than 2^32 into a digit, so a long takes 2^31 adds before it can overflow; carry well before.
    private const int AddsBeforeCarry = 1 << 30;

    private long[]? digits;
    private int pendingAdds;

    /// <summary>True when nothing but zeros was added.</summary>
    public bool IsZero
    {
        get
        {
            if (digits is null)
            {
                return true;
            }

            Normalize();
            return Array.TrueForAll(digits, d => d == 0);
        }
    }

    /// <summary>Adds <paramref name="value"/> exactly; NaN and infinities are refused, since no sum could hold them.</summary>
    public void Add(double value)
    {
        if (value == 0)
        {
            return;
        }

        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "an exact sum takes finite values only");
        }

        var bits = BitConverter.DoubleToInt64Bits(value);
        var biased = (int)((bits >> 52) & 0x7FF);
        var mantissa = (ulong)bits & 0xF_FFFF_FFFF_FFFFUL;
        if (biased != 0)
        {
            mantissa |= 1UL << 52;
        }

        var shift = Math.Max(biased, 1) - 1075 - Base;
        AddShifted(mantissa, shift, bits < 0);
    }

    /// <summary>Adds another exact sum (a merge).</summary>
    public void Add(ExactSum other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other.digits is null)
        {
            return;
        }

        other.Normalize();
        Normalize();
        digits ??= new long[Digits];
        for (var i = 0; i < Digits; i++)
        {
            digits[i] += other.digits[i];
        }

        Normalize();
    }

    /// <summary>The sum rounded to a double (deterministic: the same exact sum always gives the same double).</summary>
    public double ToDouble()
    {
        var big = ToBigInteger();
        if (big.IsZero)
        {
            return 0;
        }

        var length = (int)BigInteger.Abs(big).GetBitLength();
        var drop = Math.Max(0, length - 64);
        return Math.ScaleB((double)(big >> drop), drop + Base);
    }

    /// <summary>
    /// The canonical text of the exact value, <c>M p E</c> meaning M × 2^E with M odd (or "0"), so a chunk's output file
    /// carries the exact sum and a merge of files equals a merge in memory.
    /// </summary>
    public string ToExactString()
    {
        var big = ToBigInteger();
        if (big.IsZero)
        {
            return "0";
        }

        var zeros = (int)BigInteger.TrailingZeroCount(BigInteger.Abs(big));
        return string.Create(CultureInfo.InvariantCulture, $"{big >> zeros}p{Base + zeros}");
    }

    /// <summary>Reads <see cref="ToExactString"/>'s text.</summary>
    public static ExactSum Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var sum = new ExactSum();
        if (text == "0")
        {
            return sum;
        }

        var p = text.IndexOf('p', StringComparison.Ordinal);
        if (p <= 0
            || !BigInteger.TryParse(text.AsSpan(0, p), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var mantissa)
            || !int.TryParse(text.AsSpan(p + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var exponent)
            || exponent < Base)
        {
            throw new FormatException($"not an exact sum: '{text}'");
        }

        var negative = mantissa.Sign < 0;
        var magnitude = BigInteger.Abs(mantissa) << (exponent - Base);
        var words = magnitude.ToByteArray(isUnsigned: true, isBigEndian: false);
        sum.digits = new long[Digits];
        for (var i = 0; i < words.Length; i++)
        {
            var digit = i / 4;
            if (digit >= Digits)
            {
                throw new FormatException($"exact sum out of range: '{text}'");
            }

            var part = (long)words[i] << (8 * (i % 4));
            sum.digits[digit] += negative ? -part : part;
        }

        sum.Normalize();
        return sum;
    }

    /// <inheritdoc/>
    public bool Equals(ExactSum? other) => other is not null && ToExactString() == other.ToExactString();

    /// <inheritdoc/>
    public override bool Equals(object? obj) => Equals(obj as ExactSum);

    /// <inheritdoc/>
    public override int GetHashCode() => ToExactString().GetHashCode(StringComparison.Ordinal);

    /// <inheritdoc/>
    public override string ToString() => ToDouble().ToString("R", CultureInfo.InvariantCulture);

    private void AddShifted(ulong mantissa, int shift, bool negative)
    {
        digits ??= new long[Digits];
        var k = shift >> 5;
        var v = (UInt128)mantissa << (shift & 31);
        var d0 = (long)(ulong)(v & 0xFFFF_FFFF);
        var d1 = (long)(ulong)((v >> 32) & 0xFFFF_FFFF);
        var d2 = (long)(ulong)(v >> 64);
        if (negative)
        {
            digits[k] -= d0;
            digits[k + 1] -= d1;
            digits[k + 2] -= d2;
        }
        else
        {
            digits[k] += d0;
            digits[k + 1] += d1;
            digits[k + 2] += d2;
        }

        if (++pendingAdds >= AddsBeforeCarry)
        {
            Normalize();
        }
    }

    // Canonical form: every digit but the top one in [0, 2^32); the top digit carries the sign. Two equal sums then
    // have equal digits.
    private void Normalize()
    {
        pendingAdds = 0;
        if (digits is null)
        {
            return;
        }

        for (var i = 0; i < Digits - 1; i++)
        {
            var carry = digits[i] >> 32;
            digits[i] -= carry << 32;
            digits[i + 1] += carry;
        }
    }

    private BigInteger ToBigInteger()
    {
        if (digits is null)
        {
            return BigInteger.Zero;
        }

        Normalize();
        var big = BigInteger.Zero;
        for (var i = Digits - 1; i >= 0; i--)
        {
            big = (big << 32) + digits[i];
        }

        return big;
    }
}

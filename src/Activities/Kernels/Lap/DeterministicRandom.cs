using MathNet.Numerics;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// xoshiro256** seeded through SplitMix64. Kept in our own code, rather than System.Random, so that the synthetic survey
/// is bit-identical across .NET versions, processes and machines (in-process and SLURM runs must agree).
/// </summary>
internal sealed class DeterministicRandom
{
    private ulong _s0;
    private ulong _s1;
    private ulong _s2;
    private ulong _s3;

    public DeterministicRandom(ulong seed)
    {
        _s0 = SplitMix(ref seed);
        _s1 = SplitMix(ref seed);
        _s2 = SplitMix(ref seed);
        _s3 = SplitMix(ref seed);
    }

    /// <summary>A generator for a sub-stream, so that each exposure's noise does not depend on how many draws came before.</summary>
    public static DeterministicRandom For(int seed, params int[] stream)
    {
        var s = (ulong)(uint)seed;
        foreach (var part in stream)
        {
            s = (s * 0x9E3779B97F4A7C15UL) ^ (ulong)(uint)part ^ 0xD1B54A32D192ED03UL;
        }

        return new DeterministicRandom(s);
    }

    public ulong NextUInt64()
    {
        var result = RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = RotateLeft(_s3, 45);
        return result;
    }

    /// <summary>Uniform in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>Uniform in [min, max).</summary>
    public double Uniform(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>Uniform integer in [0, n).</summary>
    public int NextInt(int n) => (int)(NextDouble() * n);

    /// <summary>Standard normal deviate (Box-Muller, one value per call so the stream has no hidden state).</summary>
    public double NextGaussian()
    {
        var u1 = 1.0 - NextDouble();
        var u2 = NextDouble();
        return Math.Sqrt(-2.0 * Math.Log(u1)) * Math.Cos(2.0 * Math.PI * u2);
    }

    /// <summary>A Poisson deviate: multiplication method for small means, Hörmann's PTRS rejection for large ones.</summary>
    public long NextPoisson(double lambda)
    {
        if (!(lambda > 0))
        {
            return 0;
        }

        if (lambda < 30)
        {
            var limit = Math.Exp(-lambda);
            long k = 0;
            var p = NextDouble();
            while (p > limit)
            {
                k++;
                p *= NextDouble();
            }

            return k;
        }

        var slam = Math.Sqrt(lambda);
        var loglam = Math.Log(lambda);
        var b = 0.931 + (2.53 * slam);
        var a = -0.059 + (0.02483 * b);
        var invAlpha = 1.1239 + (1.1328 / (b - 3.4));
        var vr = 0.9277 - (3.6224 / (b - 2));
        while (true)
        {
            var u = NextDouble() - 0.5;
            var v = NextDouble();
            var us = 0.5 - Math.Abs(u);
            var k = Math.Floor((((2 * a / us) + b) * u) + lambda + 0.43);
            if (us >= 0.07 && v <= vr)
            {
                return (long)k;
            }

            if (k < 0 || (us < 0.013 && v > us))
            {
                continue;
            }

            if (Math.Log(v) + Math.Log(invAlpha) - Math.Log((a / (us * us)) + b) <= -lambda + (k * loglam) - SpecialFunctions.GammaLn(k + 1))
            {
                return (long)k;
            }
        }
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    private static ulong RotateLeft(ulong x, int k) => (x << k) | (x >> (64 - k));
}

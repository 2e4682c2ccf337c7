using System.Globalization;
using Microsoft.DurableTask;

namespace Nightshift.Activities.Demo;

/// <summary>
/// Checks the demo's totals against values computed another way: the sum against n(n+1)/2, the inverse
/// squares against π²/6 minus the Euler–Maclaurin tail, and the primes against one full sieve (when N is
/// small enough to sieve at once) and against Dusart's bounds on π(x).
/// </summary>
public sealed class VerifyActivity : TaskActivity<DemoTotals, DemoVerification>
{
    /// <summary>The largest N sieved in one piece to recount the primes independently.</summary>
    public const long FullSieveLimit = 20_000_000;

    /// <inheritdoc/>
    public override Task<DemoVerification> RunAsync(TaskActivityContext context, DemoTotals input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var n = input.Limit;
        var checks = new List<DemoCheck>();

        // n(n+1)/2 without overflow for n up to 4·10⁹: halve the even factor first.
        var sum = n % 2 == 0 ? n / 2 * (n + 1) : (n + 1) / 2 * n;
        checks.Add(new DemoCheck("sum of n against the closed form", Text(sum), Text(input.Sum), sum == input.Sum));

        var x = (double)n;
        var tail = 1 / x - 1 / (2 * x * x) + 1 / (6 * x * x * x) - 1 / (30 * Math.Pow(x, 5)) + 1 / (42 * Math.Pow(x, 7));
        var basel = Math.PI * Math.PI / 6 - tail;
        var tolerance = 1e-12 + 1 / (15 * Math.Pow(x, 9));
        checks.Add(new DemoCheck("sum of 1/n^2 against pi^2/6 minus its tail", Text(basel), Text(input.InverseSquares),
            Math.Abs(basel - input.InverseSquares) <= tolerance));

        if (n <= FullSieveLimit)
        {
            var primes = PrimeSieve.PrimesUpTo((int)n);
            long primeSum = 0;
            foreach (var p in primes)
            {
                primeSum += p;
            }

            checks.Add(new DemoCheck("prime count against one full sieve", Text(primes.Length), Text(input.Primes), primes.Length == input.Primes));
            checks.Add(new DemoCheck("prime sum against one full sieve", Text(primeSum), Text(input.PrimeSum), primeSum == input.PrimeSum));
        }

        if (n >= 599)
        {
            // Dusart (1999): x/ln x · (1 + 1/ln x) ≤ π(x) for x ≥ 599, and π(x) ≤ x/ln x · (1 + 1.2762/ln x) for x > 1.
            var ln = Math.Log(x);
            var low = x / ln * (1 + 1 / ln);
            var high = x / ln * (1 + 1.2762 / ln);
            checks.Add(new DemoCheck("prime count within the Dusart bounds", $"{Text(Math.Ceiling(low))}..{Text(Math.Floor(high))}",
                Text(input.Primes), input.Primes >= low && input.Primes <= high));
        }

        return Task.FromResult(new DemoVerification(checks));
    }

    private static string Text(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

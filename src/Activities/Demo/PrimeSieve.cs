namespace Nightshift.Activities.Demo;

/// <summary>Sieves of Eratosthenes: a plain one for small limits and a segmented one for a range.</summary>
internal static class PrimeSieve
{
    /// <summary>The primes up to <paramref name="max"/>, included.</summary>
    public static int[] PrimesUpTo(int max)
    {
        if (max < 2)
        {
            return [];
        }

        var composite = new bool[max + 1];
        for (long p = 2; p * p <= max; p++)
        {
            if (!composite[p])
            {
                for (var m = p * p; m <= max; m += p)
                {
                    composite[m] = true;
                }
            }
        }

        var primes = new List<int>();
        for (var n = 2; n <= max; n++)
        {
            if (!composite[n])
            {
                primes.Add(n);
            }
        }

        return [.. primes];
    }

    /// <summary>Counts and sums the primes in <paramref name="from"/>..<paramref name="to"/>, both included.</summary>
    public static (long Count, long Sum) CountRange(long from, long to, CancellationToken cancellationToken = default)
    {
        from = Math.Max(from, 2);
        if (to < from)
        {
            return (0, 0);
        }

        // Crossing off multiples of the primes up to √to in a window over the range keeps memory at the
        // range's length, whatever its offset.
        var basePrimes = PrimesUpTo((int)Math.Sqrt(to) + 1);
        var composite = new bool[to - from + 1];
        foreach (var p in basePrimes)
        {
            cancellationToken.ThrowIfCancellationRequested();
            long start = Math.Max((long)p * p, (from + p - 1) / p * p);
            for (var m = start; m <= to; m += p)
            {
                composite[m - from] = true;
            }
        }

        long count = 0, sum = 0;
        for (var i = 0; i < composite.Length; i++)
        {
            if (!composite[i])
            {
                count++;
                sum += from + i;
            }
        }

        return (count, sum);
    }
}

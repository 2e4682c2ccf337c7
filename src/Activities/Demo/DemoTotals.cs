namespace Nightshift.Activities.Demo;

/// <summary>The fan-in of every chunk: totals over the integers 1 to <paramref name="Limit"/>.</summary>
/// <param name="Chunks">How many chunks were reduced.</param>
/// <param name="Limit">The largest integer covered; the ranges must tile 1..Limit without gaps or overlaps.</param>
/// <param name="Primes">π(Limit), the number of primes up to Limit.</param>
/// <param name="PrimeSum">The sum of those primes.</param>
/// <param name="Sum">The sum of the integers 1..Limit.</param>
/// <param name="InverseSquares">The sum of 1/n² for n = 1..Limit.</param>
public sealed record DemoTotals(int Chunks, long Limit, long Primes, long PrimeSum, long Sum, double InverseSquares);

namespace Nightshift.Activities.Demo;

/// <summary>What one chunk computed over its range of integers.</summary>
/// <param name="Index">The chunk's position in the fan-out.</param>
/// <param name="From">The first integer of the range.</param>
/// <param name="To">The last integer of the range.</param>
/// <param name="Primes">How many primes the range holds.</param>
/// <param name="PrimeSum">The sum of those primes.</param>
/// <param name="Sum">The sum of every integer of the range, added one by one (checked against n(n+1)/2).</param>
/// <param name="InverseSquares">The sum of 1/n² over the range (checked against the Basel series).</param>
public sealed record ChunkResult(int Index, long From, long To, long Primes, long PrimeSum, long Sum, double InverseSquares);

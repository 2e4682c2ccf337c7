using Microsoft.DurableTask;

namespace Nightshift.Activities.Demo;

/// <summary>The demo's fan-in: checks that the chunks tile 1..N exactly once and adds them up.</summary>
public sealed class ReduceActivity : TaskActivity<IReadOnlyList<ChunkResult>, DemoTotals>
{
    /// <inheritdoc/>
    public override Task<DemoTotals> RunAsync(TaskActivityContext context, IReadOnlyList<ChunkResult> input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var chunks = input.OrderBy(c => c.From).ToList();
        long next = 1;
        foreach (var chunk in chunks)
        {
            if (chunk.From != next)
            {
                throw new InvalidOperationException(
                    $"Chunk {chunk.Index} starts at {chunk.From}, but {next} was expected: the chunks do not tile 1..N.");
            }

            next = chunk.To + 1;
        }

        // Largest ranges' sums are the smallest: add them first (Kahan again) so the total keeps its precision.
        double inverseSquares = 0, compensation = 0;
        foreach (var chunk in Enumerable.Reverse(chunks))
        {
            var term = chunk.InverseSquares - compensation;
            var sum = inverseSquares + term;
            compensation = sum - inverseSquares - term;
            inverseSquares = sum;
        }

        return Task.FromResult(new DemoTotals(
            chunks.Count,
            next - 1,
            chunks.Sum(c => c.Primes),
            chunks.Sum(c => c.PrimeSum),
            chunks.Sum(c => c.Sum),
            inverseSquares));
    }
}

using Microsoft.DurableTask;

namespace Nightshift.Activities.Demo;

/// <summary>
/// One chunk of the demo's fan-out: counts and sums the primes of its range, sums the integers one by one,
/// and sums 1/n². Each result can be checked independently, so a lost or duplicated chunk shows in the totals.
/// </summary>
public sealed class CountChunkActivity : TaskActivity<ChunkInput, ChunkResult>
{
    /// <inheritdoc/>
    public override Task<ChunkResult> RunAsync(TaskActivityContext context, ChunkInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        if (input.HaltFile is not null && File.Exists(input.HaltFile))
        {
            throw new InvalidOperationException(
                $"Chunk {input.Index} halted because '{input.HaltFile}' exists; delete it and run 'nightshift restart {context.InstanceId}'.");
        }

        // The SDK's activity context has no cancellation token; a chunk is a bounded range, so it runs to its end.
        var (primes, primeSum) = PrimeSieve.CountRange(input.From, input.To, CancellationToken.None);
        long sum = 0;
        for (var n = input.From; n <= input.To; n++)
        {
            sum += n;
        }

        // Smallest terms first, with Kahan compensation, so the float sum is as exact as a double allows.
        double inverseSquares = 0, compensation = 0;
        for (var n = input.To; n >= input.From; n--)
        {
            var term = 1.0 / ((double)n * n) - compensation;
            var next = inverseSquares + term;
            compensation = next - inverseSquares - term;
            inverseSquares = next;
        }

        return Task.FromResult(new ChunkResult(input.Index, input.From, input.To, primes, primeSum, sum, inverseSquares));
    }
}

using System.Globalization;
using Microsoft.DurableTask;

namespace Nightshift.Activities.Demo;

/// <summary>The last step of the demo's chain: the output record with a one-line summary.</summary>
public sealed class SummariseActivity : TaskActivity<SummaryInput, DemoResult>
{
    /// <inheritdoc/>
    public override Task<DemoResult> RunAsync(TaskActivityContext context, SummaryInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var t = input.Totals;
        var passed = input.Verification.Checks.Count(c => c.Passed);
        var summary = string.Create(CultureInfo.InvariantCulture,
            $"{t.Primes:N0} primes up to {t.Limit:N0} in {t.Chunks} chunks; {passed} of {input.Verification.Checks.Count} checks passed.");
        return Task.FromResult(new DemoResult(
            summary,
            t.Chunks,
            input.Size,
            t.Limit,
            t.Primes,
            t.PrimeSum,
            t.Sum,
            t.InverseSquares,
            input.Verification.Passed,
            input.Verification.Checks,
            input.ElapsedSeconds,
            input.Released));
    }
}

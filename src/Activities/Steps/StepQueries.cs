namespace Nightshift.Activities.Steps;

/// <summary>Read-only questions about the <c>steps</c> table, for <c>nightshift check</c> and tests. Resolve it from a host built with <c>AddSteps</c>.</summary>
public sealed class StepQueries
{
    private readonly StepLedger ledger;

    internal StepQueries(StepLedger ledger) => this.ledger = ledger;

    /// <summary>The steps of <paramref name="scope"/> (every scope when null), by scope and start time.</summary>
    public Task<IReadOnlyList<StepRecord>> ListAsync(string? scope, CancellationToken cancellationToken = default)
        => ledger.ListAsync(scope, cancellationToken);
}

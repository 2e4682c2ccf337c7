namespace Nightshift.Workflows.Facet;

/// <summary>The custom status of a facet run: what it is doing, and what it waits for (read by <c>nightshift resume</c> and <c>check</c>).</summary>
/// <param name="State">running, waiting, stopped, done.</param>
/// <param name="Operation">The current operation.</param>
/// <param name="Group">The current selfcal group (1-based), 0 before the first.</param>
/// <param name="Groups">Groups in the plan.</param>
/// <param name="Directions">The directions the operation works on.</param>
/// <param name="Reason">Why it waits or stopped, for the operator.</param>
/// <param name="WaitingFor">The external event it waits for, if any (<c>nightshift resume</c> raises it).</param>
public sealed record FacetStatus(string State, string Operation, int Group, int Groups, IReadOnlyList<string> Directions, string? Reason = null, string? WaitingFor = null)
{
    /// <summary>For the launcher's progress bar: the operation and its directions.</summary>
    public string Phase => Directions.Count == 0 ? Operation : $"{Operation} {string.Join(",", Directions)}";

    /// <summary>For the launcher's progress bar: selfcal groups finished.</summary>
    public int Done => State is "done" ? Groups : Math.Max(0, Group - 1);

    /// <summary>For the launcher's progress bar: selfcal groups in the plan.</summary>
    public int Total => Groups;
}

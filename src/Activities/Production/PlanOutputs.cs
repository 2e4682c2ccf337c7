namespace Nightshift.Activities.Production;

/// <summary>A plan that completed in a chain: its job key and the outputs its spec declared.</summary>
internal sealed record PlanOutputs(string Plan, string JobKey, IReadOnlyList<string> Outputs);

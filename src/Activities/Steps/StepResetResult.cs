namespace Nightshift.Activities.Steps;

/// <summary>What a reset did.</summary>
/// <param name="Deleted">The keys of the steps deleted.</param>
/// <param name="Undone">The keys whose undo ran.</param>
/// <param name="ProductsDeleted">Files and directories deleted.</param>
public sealed record StepResetResult(IReadOnlyList<string> Deleted, IReadOnlyList<string> Undone, int ProductsDeleted);

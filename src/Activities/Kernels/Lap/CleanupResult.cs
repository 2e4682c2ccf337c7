namespace Nightshift.Activities.Kernels.Lap;

/// <summary>What the cleanup stage did.</summary>
/// <param name="Removed">Files deleted.</param>
/// <param name="Missing">Files that were already gone (a repeated cleanup is not an error).</param>
/// <param name="Refused">Paths not deleted because they lie outside the allowed root or are directories.</param>
/// <param name="BytesFreed">Total size of the deleted files.</param>
public sealed record CleanupResult(IReadOnlyList<string> Removed, IReadOnlyList<string> Missing, IReadOnlyList<string> Refused, long BytesFreed);

namespace Nightshift.Activities.Lap;

/// <summary>What a cleanup pass did: chips whose products were removed, chips kept because a run still uses them, files removed.</summary>
public sealed record LapCleanupResult(IReadOnlyList<string> Cleaned, IReadOnlyList<string> Kept, int FilesRemoved);

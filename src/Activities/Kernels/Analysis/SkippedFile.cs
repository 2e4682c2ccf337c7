namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>A file left out of a dataset under <c>skip-bad-files</c>, with why.</summary>
internal sealed record SkippedFile(string File, string Reason);

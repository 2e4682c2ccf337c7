using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>The destreaked warps of one exposure (or pair), in input order, and how many streaks were found.</summary>
public sealed record MagicStepResult(IReadOnlyList<ImageProduct> Science, IReadOnlyList<ImageProduct?> Template, int Streaks);

namespace Nightshift.Activities.Lap;

/// <summary>The differences of one exposure; <paramref name="BadFraction"/> is over all its skycells (the diff-stage quality).</summary>
public sealed record DiffStepResult(string Kind, int ScienceExp, int? TemplateExp, IReadOnlyList<DiffProduct> Products, double BadFraction);

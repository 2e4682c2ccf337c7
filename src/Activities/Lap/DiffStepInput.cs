namespace Nightshift.Activities.Lap;

/// <summary>
/// The differences of one exposure over its skycells: against its companion (pairwise) or against the stacks (private).
/// <paramref name="Kind"/> is diff (first pass) or final (from destreaked inputs; its catalogue is the transient catalogue).
/// With <paramref name="Job"/>, the kernel already ran as that batch job and the step records its result.
/// </summary>
public sealed record DiffStepInput(LapStep Step, string Kind, int ScienceExp, string ScienceName, int? TemplateExp, string? TemplateName, IReadOnlyList<DiffPair> Pairs, LapJob? Job = null);

namespace Nightshift.Activities.Lap;

/// <summary>
/// The differences of one exposure over its skycells: against its companion (pairwise) or against the stacks (private).
/// <paramref name="Kind"/> is diff (first pass) or final (from destreaked inputs; its catalogue is the transient catalogue).
/// </summary>
public sealed record DiffStepInput(LapStep Step, string Kind, int ScienceExp, string ScienceName, int? TemplateExp, string? TemplateName, IReadOnlyList<DiffPair> Pairs);

namespace Nightshift.Activities.Kernels.Snf;

/// <summary><c>truth.json</c> next to the raw data: what the generator put in, for tests; no kernel reads it.</summary>
internal sealed record SnfTruth(SnfSurveyOptions Options, IReadOnlyList<NightTruth> Nights, IReadOnlyList<TargetTruth> Targets);

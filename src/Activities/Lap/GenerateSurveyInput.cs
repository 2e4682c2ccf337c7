using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>Generates the synthetic survey into <paramref name="Directory"/> unless a survey of the same configuration is there.</summary>
public sealed record GenerateSurveyInput(SurveyConfig Survey, string Directory);

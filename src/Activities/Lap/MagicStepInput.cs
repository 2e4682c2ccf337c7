using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>Destreaks one exposure (or pair) over all its skycells.</summary>
public sealed record MagicStepInput(LapStep Step, string ScienceName, string? TemplateName, IReadOnlyList<MagicInput> Inputs);

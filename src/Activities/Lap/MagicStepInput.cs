using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>Destreaks one exposure (or pair) over all its skycells. With <c>Job</c>, the kernel already ran as that batch job and the step records its result.</summary>
public sealed record MagicStepInput(LapStep Step, string ScienceName, string? TemplateName, IReadOnlyList<MagicInput> Inputs, LapJob? Job = null);

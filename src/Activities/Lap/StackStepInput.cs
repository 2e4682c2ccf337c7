using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>One stack of one skycell in a stacking pass (1: warps, 2: destreaked warps). With <c>Job</c>, the kernel already ran as that batch job and the step records its result.</summary>
public sealed record StackStepInput(LapStep Step, string Skycell, int Pass, IReadOnlyList<ImageProduct> Inputs, int MinInputs, LapJob? Job = null);

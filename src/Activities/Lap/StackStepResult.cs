using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>One stack: made, or not for lack of inputs.</summary>
public sealed record StackStepResult(string Skycell, int Pass, bool Created, ImageProduct? Output, int InputCount);

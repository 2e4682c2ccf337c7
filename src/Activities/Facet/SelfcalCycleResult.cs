using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>One selfcal cycle's image statistics and files.</summary>
public sealed record SelfcalCycleResult(int Cycle, SolveMode Mode, double DynamicRange, double MinMaxRatio, double Rms, double Peak, string? Solutions, string Image);

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>What the stack stage produced for one skycell.</summary>
/// <param name="Skycell">The skycell name.</param>
/// <param name="Created">False when there were fewer inputs than the minimum (then <paramref name="Output"/> is null).</param>
/// <param name="Output">The stack image, variance and mask.</param>
/// <param name="InputCount">Warps offered.</param>
/// <param name="NoiseSigma">Robust (MAD) standard deviation of the stack's pixels where at least the minimum number of inputs overlap, ADU.</param>
/// <param name="ExpectedNoiseSigma">Median of the propagated per-pixel sigma over the same pixels, ADU.</param>
/// <param name="ClippedFraction">Fraction of input samples rejected by clipping.</param>
public sealed record StackResult(
    string Skycell, bool Created, ImageProduct? Output, int InputCount, double NoiseSigma, double ExpectedNoiseSigma, double ClippedFraction);

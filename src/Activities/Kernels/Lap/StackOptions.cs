namespace Nightshift.Activities.Kernels.Lap;

/// <summary>Options of the stack stage.</summary>
public sealed record StackOptions
{
    /// <summary>A skycell with fewer warps than this is not stacked (LAP's default is 6).</summary>
    public int MinInputs { get; init; } = 6;

    /// <summary>Inputs further than this many of their own sigmas from the current estimate are rejected.</summary>
    public double ClipSigma { get; init; } = 3;

    /// <summary>Clipping iterations after the median start.</summary>
    public int Iterations { get; init; } = 3;
}

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>The object definitions: which jets, b-jets, muons and electrons count (the <c>objects</c> section).</summary>
internal sealed record ObjectSelection
{
    public double JetPt { get; init; } = 30;

    public double JetEta { get; init; } = 2.4;

    /// <summary>The b-tag working point: a selected jet with a discriminant above it is a b-jet.</summary>
    public double BTag { get; init; } = 0.2770;

    public double MuonPt { get; init; } = 20;

    public double MuonEta { get; init; } = 2.4;

    public double ElectronPt { get; init; } = 20;

    public double ElectronEta { get; init; } = 2.5;
}

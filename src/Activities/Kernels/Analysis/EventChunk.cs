namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>The events of one chunk (or one whole file), column by column, in file order.</summary>
internal sealed class EventChunk
{
    public required int[] Run { get; init; }

    public required int[] LuminosityBlock { get; init; }

    public required long[] Event { get; init; }

    /// <summary>The generator weight of each simulated event; null for collision data.</summary>
    public float[]? GenWeight { get; init; }

    public required float[] MetPt { get; init; }

    public required float[] MetPhi { get; init; }

    public required JaggedCollection Jets { get; init; }

    public required JaggedCollection Muons { get; init; }

    public required JaggedCollection Electrons { get; init; }

    public int Count => Event.Length;
}

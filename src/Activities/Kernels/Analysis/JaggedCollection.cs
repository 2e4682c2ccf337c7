namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// A jagged collection of physics objects (jets, muons, electrons) in columnar form, as NanoAOD and awkward arrays
/// hold it: one flat array per attribute and the offsets of each event's first object.
/// </summary>
internal sealed class JaggedCollection
{
    public JaggedCollection(int[] offsets, float[] pt, float[] eta, float[] phi, float[] mass, float[]? btag)
    {
        Offsets = offsets;
        Pt = pt;
        Eta = eta;
        Phi = phi;
        Mass = mass;
        BTag = btag;
    }

    /// <summary>Event i owns objects <c>Offsets[i]</c> up to <c>Offsets[i + 1]</c>; the array has one more entry than events.</summary>
    public int[] Offsets { get; }

    public float[] Pt { get; }

    public float[] Eta { get; }

    public float[] Phi { get; }

    public float[] Mass { get; }

    /// <summary>The b-tagging discriminant (jets only).</summary>
    public float[]? BTag { get; }

    public int Count(int eventIndex) => Offsets[eventIndex + 1] - Offsets[eventIndex];
}

using System.Numerics;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>The working data, layout and sky model one activity works on, with each direction's unit-gain model computed once.</summary>
internal sealed class FieldState
{
    private readonly Dictionary<int, Complex[]> models = [];

    private FieldState(Visibilities vis, FacetLayout layout, IReadOnlyList<SkySource> sky, PrimaryBeam beam, IReadOnlyList<FacetDirection> directions)
    {
        Vis = vis;
        Layout = layout;
        Sky = sky;
        Beam = beam;
        Directions = directions;
    }

    public Visibilities Vis { get; }

    public FacetLayout Layout { get; }

    public IReadOnlyList<SkySource> Sky { get; }

    public PrimaryBeam Beam { get; }

    public IReadOnlyList<FacetDirection> Directions { get; }

    public static FieldState Load(string workingDir, string inputDir, IReadOnlyList<FacetDirection> directions, FacetSettings settings)
    {
        var vis = FacetWorkspace.Load(workingDir);
        var sky = SkyModelFile.Read(Path.Combine(inputDir, FieldSimulator.SkyModelFileName));
        return new FieldState(vis, FacetWorkspace.Layout(vis, directions, settings.FacetingRadiusDeg), sky, new PrimaryBeam(settings.BeamFwhmDeg), directions);
    }

    public int IndexOf(string name) => FacetWorkspace.IndexOf(Directions, name);

    /// <summary>Unit-gain model visibilities of the sources direction <paramref name="d"/> owns.</summary>
    public Complex[] Model(int d)
    {
        if (!models.TryGetValue(d, out var model))
        {
            model = Predictor.Predict(Vis, Layout.SourcesOf(d, Sky), Beam);
            models[d] = model;
        }

        return model;
    }

    /// <summary>The data minus the corrupted models of <paramref name="subtract"/> (direction index → gains).</summary>
    public Complex[] Residual(IEnumerable<(int Direction, Complex[] Gains)> subtract)
    {
        var residual = (Complex[])Vis.Data.Clone();
        foreach (var (d, gains) in subtract)
        {
            var corrupted = StefCal.Corrupt(Vis, Model(d), gains);
            for (var i = 0; i < residual.Length; i++)
            {
                residual[i] -= corrupted[i];
            }
        }

        return residual;
    }

    /// <summary>A data set with <paramref name="data"/> in place of the working data (same geometry).</summary>
    public Visibilities With(Complex[] data)
    {
        var copy = Vis.Clone();
        Array.Copy(data, copy.Data, data.Length);
        return copy;
    }
}

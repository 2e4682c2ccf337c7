using System.Numerics;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Tests.Facet;

/// <summary>One simulated and calibrated field shared by the science tests (simulating and solving once keeps them fast).</summary>
internal sealed class FacetScenario
{
    private static readonly Lazy<FacetScenario> Shared = new(() => new FacetScenario());

    private FacetScenario()
    {
        Field = FieldSimulator.Simulate(new SimulationOptions());
        Layout = new FacetLayout(Field.Calibrators, Field.Data.RaDeg, Field.Data.DecDeg, FacetingRadiusDeg);
        Models = DirectionSolver.Models(Field.Data, Layout, Field.Sky, Field.Beam);
        Solutions = DirectionSolver.SolveAll(Field.Data, Layout, Models, SolveMode.AmplitudePhase);
    }

    public const double FacetingRadiusDeg = 1.0;

    public const int ImageSize = 64;

    public const double CellArcsec = 60;

    public static FacetScenario Instance => Shared.Value;

    public SimulatedField Field { get; }

    public FacetLayout Layout { get; }

    public Complex[][] Models { get; }

    public GainTable Solutions { get; }
}

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>Parameters of a synthetic field; the defaults give a small field that simulates in well under a second.</summary>
public sealed record SimulationOptions
{
    /// <summary>Seed of every random draw; the same seed gives bit-identical data.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Number of antennas.</summary>
    public int Antennas { get; init; } = 24;

    /// <summary>Antennas are placed uniformly in a disc of this radius, metres.</summary>
    public double ArrayRadiusM { get; init; } = 1500;

    /// <summary>Geodetic latitude of the array, degrees (LOFAR's).</summary>
    public double LatitudeDeg { get; init; } = 52.9;

    /// <summary>Right ascension of the field centre, degrees.</summary>
    public double RaDeg { get; init; } = 123.4;

    /// <summary>Declination of the field centre, degrees.</summary>
    public double DecDeg { get; init; } = 55.0;

    /// <summary>Number of time chunks.</summary>
    public int Chunks { get; init; } = 2;

    /// <summary>Time slots (solution intervals) per chunk.</summary>
    public int SlotsPerChunk { get; init; } = 12;

    /// <summary>Length of a time slot, minutes; the observation is centred on transit.</summary>
    public double SlotMinutes { get; init; } = 15;

    /// <summary>Channel centre frequencies, Hz.</summary>
    public IReadOnlyList<double> Frequencies { get; init; } = [140e6, 150e6, 160e6];

    /// <summary>Number of bright calibrators.</summary>
    public int Calibrators { get; init; } = 5;

    /// <summary>Calibrator flux range, Jy.</summary>
    public double CalibratorMinJy { get; init; } = 5;

    /// <summary>Calibrator flux range, Jy.</summary>
    public double CalibratorMaxJy { get; init; } = 15;

    /// <summary>Calibrators lie between this inner radius and <see cref="FieldRadiusDeg"/>, degrees.</summary>
    public double CalibratorInnerRadiusDeg { get; init; } = 0.25;

    /// <summary>Number of faint sources.</summary>
    public int FaintSources { get; init; } = 20;

    /// <summary>Faint-source flux range, Jy.</summary>
    public double FaintMinJy { get; init; } = 0.05;

    /// <summary>Faint-source flux range, Jy.</summary>
    public double FaintMaxJy { get; init; } = 0.5;

    /// <summary>Sources lie within this radius of the field centre, degrees.</summary>
    public double FieldRadiusDeg { get; init; } = 1.2;

    /// <summary>Primary-beam FWHM, degrees.</summary>
    public double BeamFwhmDeg { get; init; } = 4.0;

    /// <summary>Standard deviation of the real and of the imaginary part of the noise per visibility, Jy.</summary>
    public double NoiseSigmaJy { get; init; } = 0.3;

    /// <summary>Standard deviation of the per-slot phase random walk of the direction-dependent gains, degrees.</summary>
    public double PhaseStepDeg { get; init; } = 10;

    /// <summary>Standard deviation of the starting gain amplitudes (direction-independent and -dependent alike) around 1.</summary>
    public double AmplitudeScatter { get; init; } = 0.1;

    /// <summary>Standard deviation of the per-slot relative amplitude random walk.</summary>
    public double AmplitudeStep { get; init; } = 0.02;
}

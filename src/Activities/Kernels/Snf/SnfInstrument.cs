namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// The synthetic SNIFS-like integral-field spectrograph: a square grid of spaxels, a coarse wavelength grid, the
/// instrument throughput, the atmospheric extinction law and the seeing law. The generator uses all of it to make
/// data; the pipeline kernels use only what a real pipeline knows (the grid, the seeing law's form, the standard
/// star catalogue), never the throughput or the per-night extinction, which they measure.
/// </summary>
internal static class SnfInstrument
{
    /// <summary>Spaxels per side of the IFU field.</summary>
    public const int Side = 9;

    /// <summary>Wavelength bins of a cube.</summary>
    public const int Bins = 10;

    /// <summary>Overscan columns on the raw frame, left of the spectra: they carry the bias only.</summary>
    public const int Overscan = 4;

    /// <summary>Side of the photometric-channel image, in pixels.</summary>
    public const int PhotometricSide = 16;

    /// <summary>Reference wavelength of the seeing law (Å).</summary>
    public const double ReferenceWavelength = 5000;

    /// <summary>Effective wavelength of the photometric channel's broad filter (Å).</summary>
    public const double PhotometricWavelength = 6000;

    /// <summary>A pixel at or above this value is saturated.</summary>
    public const double Saturation = 65000;

    /// <summary>Read noise in counts.</summary>
    public const double ReadNoise = 5;

    /// <summary>Centre of wavelength bin <paramref name="bin"/> (Å): 3500–9500 Å in equal bins.</summary>
    public static double Wavelength(int bin) => 3500 + ((bin + 0.5) * (6000.0 / Bins));

    /// <summary>The wavelength grid.</summary>
    public static double[] Wavelengths() => Enumerable.Range(0, Bins).Select(Wavelength).ToArray();

    /// <summary>True instrument throughput (counts per photon); unknown to the pipeline, which calibrates it from standards.</summary>
    public static double Throughput(double wavelength)
    {
        var x = (wavelength - 6200) / 3500;
        return 0.25 * Math.Exp(-x * x);
    }

    /// <summary>Throughput of the photometric channel's broad filter.</summary>
    public const double PhotometricThroughput = 0.2;

    /// <summary>Extinction (mag per airmass): a grey aerosol term that changes from night to night plus Rayleigh scattering.</summary>
    public static double Extinction(double wavelength, double grey) => grey + (0.0085 * Math.Pow(wavelength / 10000, -4));

    /// <summary>Seeing σ (spaxels) at <paramref name="wavelength"/> for σ <paramref name="sigmaReference"/> at 5000 Å: σ ∝ λ^α.</summary>
    public static double Seeing(double sigmaReference, double wavelength, double alpha = -0.2)
        => sigmaReference * Math.Pow(wavelength / ReferenceWavelength, alpha);

    /// <summary>The catalogue of spectrophotometric standards: name → flux (photons/s per bin) at each wavelength.</summary>
    public static IReadOnlyDictionary<string, (double Amplitude, double Slope)> Standards { get; } = new Dictionary<string, (double, double)>(StringComparer.Ordinal)
    {
        ["HR7950"] = (3000, -2.0),
        ["Feige34"] = (2400, -3.0),
        ["BD+28d4211"] = (2000, -2.8),
        ["GD71"] = (1800, -3.2),
        ["HD93521"] = (3500, -1.5),
    };

    /// <summary>The catalogue flux of a standard star; an unknown name is an error naming it.</summary>
    public static double StandardFlux(string name, double wavelength)
        => Standards.TryGetValue(name, out var s)
            ? s.Amplitude * Math.Pow(wavelength / ReferenceWavelength, s.Slope)
            : throw new SnfDataException($"'{name}' is not in the standard star catalogue (known: {string.Join(", ", Standards.Keys)})");
}

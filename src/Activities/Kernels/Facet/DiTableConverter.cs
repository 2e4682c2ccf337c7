using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Direction-independent calibration tables arrive either as real/imaginary (<c>antenna,real,imag</c>) or as
/// amplitude/phase (<c>antenna,amplitude,phase_deg</c>). Factor converts the former at start, because phase and amplitude
/// are what later steps smooth, interpolate and reason about.
/// </summary>
public static class DiTableConverter
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "facet-convert-di";

    /// <summary>Amplitude and phase in degrees, in (−180, 180], of a complex gain.</summary>
    public static (double Amplitude, double PhaseDeg) ToPhaseAmplitude(double real, double imaginary)
    {
        var g = new Complex(real, imaginary);
        return (g.Magnitude, g.Phase / SkyGeometry.Deg);
    }

    /// <summary>
    /// Rewrites <paramref name="path"/> in amplitude/phase form if it is in real/imaginary form; returns whether it was
    /// converted. A table already in amplitude/phase form is left alone, so running it twice (a resumed run) is harmless.
    /// </summary>
    public static bool Run(string path)
    {
        var lines = File.ReadAllLines(path);
        var header = lines.FirstOrDefault(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith('#'))?.Trim();
        if (header is null || header.Replace(" ", "", StringComparison.Ordinal) == "antenna,amplitude,phase_deg")
        {
            return false;
        }

        if (header.Replace(" ", "", StringComparison.Ordinal) != "antenna,real,imag")
        {
            throw new FormatException($"{path}: header '{header}' is neither 'antenna,real,imag' nor 'antenna,amplitude,phase_deg'");
        }

        var text = new StringBuilder();
        var seenHeader = false;
        foreach (var raw in lines)
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#'))
            {
                text.Append(raw).Append('\n');
                continue;
            }

            if (!seenHeader)
            {
                seenHeader = true;
                text.Append("antenna,amplitude,phase_deg\n");
                continue;
            }

            var f = line.Split(',');
            var (amp, phase) = ToPhaseAmplitude(double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture));
            text.Append(CultureInfo.InvariantCulture, $"{f[0].Trim()},{amp:R},{phase:R}\n");
        }

        var temp = $"{path}.tmp{Environment.ProcessId}";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
        return true;
    }
}

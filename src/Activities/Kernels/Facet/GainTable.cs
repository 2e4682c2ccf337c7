using System.Globalization;
using System.Numerics;
using System.Text;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Complex antenna gains per direction, time slot and antenna (frequency-independent within the band). Stored as CSV
/// <c>direction,time,antenna,amplitude,phase_deg</c>, the form Factor keeps its instrument tables in.
/// </summary>
public sealed class GainTable
{
    private readonly Dictionary<string, Complex[]> _gains = new(StringComparer.Ordinal);

    /// <summary>Creates a table for <paramref name="timeCount"/> slots and <paramref name="antennaCount"/> antennas.</summary>
    public GainTable(int timeCount, int antennaCount)
    {
        TimeCount = timeCount;
        AntennaCount = antennaCount;
    }

    /// <summary>Number of time slots.</summary>
    public int TimeCount { get; }

    /// <summary>Number of antennas.</summary>
    public int AntennaCount { get; }

    /// <summary>The directions in the table, in insertion order.</summary>
    public IReadOnlyList<string> Directions => [.. _gains.Keys];

    /// <summary>Whether the table has gains for <paramref name="direction"/>.</summary>
    public bool Contains(string direction) => _gains.ContainsKey(direction);

    /// <summary>The gains of one direction, indexed <c>time * AntennaCount + antenna</c>; created as unity when absent.</summary>
    public Complex[] For(string direction)
    {
        if (!_gains.TryGetValue(direction, out var g))
        {
            g = new Complex[TimeCount * AntennaCount];
            Array.Fill(g, Complex.One);
            _gains[direction] = g;
        }

        return g;
    }

    /// <summary>Sets (copies) the gains of <paramref name="direction"/>.</summary>
    public void Set(string direction, Complex[] gains)
    {
        if (gains.Length != TimeCount * AntennaCount)
        {
            throw new ArgumentException($"expected {TimeCount * AntennaCount} gains, got {gains.Length}", nameof(gains));
        }

        _gains[direction] = (Complex[])gains.Clone();
    }

    /// <summary>Writes the table as CSV.</summary>
    public void Write(string path)
    {
        var text = new StringBuilder("direction,time,antenna,amplitude,phase_deg\n");
        foreach (var (name, g) in _gains)
        {
            for (var t = 0; t < TimeCount; t++)
            {
                for (var a = 0; a < AntennaCount; a++)
                {
                    var v = g[(t * AntennaCount) + a];
                    text.Append(CultureInfo.InvariantCulture, $"{name},{t},{a},{v.Magnitude:R},{v.Phase / SkyGeometry.Deg:R}\n");
                }
            }
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a table written by <see cref="Write"/>.</summary>
    public static GainTable Read(string path)
    {
        var rows = new List<(string Dir, int T, int A, Complex G)>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("direction,", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line.Split(',');
            if (f.Length != 5)
            {
                throw new FormatException($"{path}: gain line '{line}' needs direction,time,antenna,amplitude,phase_deg");
            }

            var amp = double.Parse(f[3], CultureInfo.InvariantCulture);
            var phase = double.Parse(f[4], CultureInfo.InvariantCulture) * SkyGeometry.Deg;
            rows.Add((f[0], int.Parse(f[1], CultureInfo.InvariantCulture), int.Parse(f[2], CultureInfo.InvariantCulture), Complex.FromPolarCoordinates(amp, phase)));
        }

        var table = new GainTable(rows.Count == 0 ? 0 : rows.Max(r => r.T) + 1, rows.Count == 0 ? 0 : rows.Max(r => r.A) + 1);
        foreach (var (dir, t, a, g) in rows)
        {
            table.For(dir)[(t * table.AntennaCount) + a] = g;
        }

        return table;
    }
}

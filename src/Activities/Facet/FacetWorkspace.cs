using System.Globalization;
using System.Numerics;
using System.Security.Cryptography;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>
/// The files of a facet run under its working directory, as Factor lays them out: <c>chunks/chunk_NN.vis</c> (the
/// working data, from which calibrated directions are subtracted one at a time), <c>factor_directions.txt</c>,
/// <c>di_table.csv</c> (converted to amplitude/phase) and <c>results/OPERATION/DIRECTION/…</c>.
/// </summary>
public static class FacetWorkspace
{
    /// <summary>The directory of the working data chunks.</summary>
    public static string ChunksDirectory(string workingDir) => Path.Combine(workingDir, "chunks");

    /// <summary>The results directory of one operation of one direction (<c>field</c> for the mosaic).</summary>
    public static string ResultsDirectory(string workingDir, string operation, string direction) => Path.Combine(workingDir, "results", operation, direction);

    /// <summary>The chunk files, in time order.</summary>
    public static IReadOnlyList<string> ChunkFiles(string workingDir)
    {
        var dir = ChunksDirectory(workingDir);
        return Directory.Exists(dir) ? [.. Directory.GetFiles(dir, "chunk_*.vis").Order(StringComparer.Ordinal)] : [];
    }

    /// <summary>The working data: every chunk, concatenated in time.</summary>
    public static Visibilities Load(string workingDir)
    {
        var files = ChunkFiles(workingDir);
        if (files.Count == 0)
        {
            throw new FileNotFoundException($"{ChunksDirectory(workingDir)}: no chunk_*.vis files; the field has not been prepared");
        }

        return Concat([.. files.Select(Visibilities.Read)]);
    }

    /// <summary>Writes <paramref name="vis"/> back into its chunk files (split by the chunk index of each time slot).</summary>
    public static void Save(string workingDir, Visibilities vis)
    {
        foreach (var (chunk, part) in Split(vis))
        {
            part.Write(ChunkPath(workingDir, chunk));
        }
    }

    /// <summary>
    /// The subtraction journal (<c>chunks/subtracted.txt</c>): one line <c>DIRECTION SOLUTIONS-CHECKSUM</c> per model
    /// the working data has had subtracted. Activities are delivered at least once, so facetsub and its add-back check
    /// it to never apply twice.
    /// </summary>
    public static string JournalPath(string workingDir) => Path.Combine(ChunksDirectory(workingDir), "subtracted.txt");

    /// <summary>The journal's entries, direction → solutions checksum.</summary>
    public static Dictionary<string, string> ReadJournal(string workingDir)
    {
        var path = JournalPath(workingDir);
        return File.Exists(path)
            ? File.ReadLines(path).Select(l => l.Split(' ', 2)).Where(f => f.Length == 2).ToDictionary(f => f[0], f => f[1], StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
    }

    /// <summary>Writes the data and then the journal that describes it.</summary>
    public static void Save(string workingDir, Visibilities vis, IReadOnlyDictionary<string, string> journal)
    {
        Save(workingDir, vis);
        var path = JournalPath(workingDir);
        var temp = $"{path}.tmp{Environment.ProcessId}";
        File.WriteAllLines(temp, journal.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => $"{kv.Key} {kv.Value}"));
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>The path of chunk <paramref name="chunk"/>.</summary>
    public static string ChunkPath(string workingDir, int chunk) =>
        Path.Combine(ChunksDirectory(workingDir), string.Create(CultureInfo.InvariantCulture, $"chunk_{chunk:00}.vis"));

    /// <summary>Splits a data set by the chunk index of its time slots.</summary>
    public static IEnumerable<(int Chunk, Visibilities Part)> Split(Visibilities vis)
    {
        foreach (var chunk in vis.Chunk.Distinct().Order())
        {
            var slots = Enumerable.Range(0, vis.TimeCount).Where(t => vis.Chunk[t] == chunk).ToArray();
            var part = new Visibilities(vis.RaDeg, vis.DecDeg, vis.AntennaXyz, [.. slots.Select(t => vis.Lst[t])], [.. slots.Select(t => vis.Chunk[t])], vis.Frequencies);
            var perSlot = vis.BaselineCount * vis.ChannelCount;
            for (var i = 0; i < slots.Length; i++)
            {
                Array.Copy(vis.Data, slots[i] * perSlot, part.Data, i * perSlot, perSlot);
            }

            yield return (chunk, part);
        }
    }

    /// <summary>Concatenates data sets of one array and band in time.</summary>
    public static Visibilities Concat(IReadOnlyList<Visibilities> parts)
    {
        var first = parts[0];
        var all = new Visibilities(first.RaDeg, first.DecDeg, first.AntennaXyz, [.. parts.SelectMany(p => p.Lst)], [.. parts.SelectMany(p => p.Chunk)], first.Frequencies);
        var offset = 0;
        foreach (var part in parts)
        {
            Array.Copy(part.Data, 0, all.Data, offset, part.Data.Length);
            offset += part.Data.Length;
        }

        return all;
    }

    /// <summary>The layout of <paramref name="directions"/> around the data's phase centre.</summary>
    public static FacetLayout Layout(Visibilities vis, IReadOnlyList<FacetDirection> directions, double facetingRadiusDeg) =>
        new([.. directions.Select(d => d.ToDirection())], vis.RaDeg, vis.DecDeg, facetingRadiusDeg);

    /// <summary>Index of direction <paramref name="name"/> in <paramref name="directions"/>, or an error naming it.</summary>
    public static int IndexOf(IReadOnlyList<FacetDirection> directions, string name)
    {
        for (var i = 0; i < directions.Count; i++)
        {
            if (directions[i].Name == name)
            {
                return i;
            }
        }

        throw new ArgumentException($"direction '{name}' is not in the layout ({string.Join(", ", directions.Select(d => d.Name))})");
    }

    /// <summary>The direction-independent gains (<c>di_table.csv</c> in amplitude/phase form), one per antenna.</summary>
    public static Complex[] ReadDiGains(string path, int antennas)
    {
        var gains = Enumerable.Repeat(Complex.One, antennas).ToArray();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("antenna", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line.Split(',');
            var a = int.Parse(f[0], CultureInfo.InvariantCulture);
            if (a >= 0 && a < antennas)
            {
                gains[a] = Complex.FromPolarCoordinates(double.Parse(f[1], CultureInfo.InvariantCulture), double.Parse(f[2], CultureInfo.InvariantCulture) * SkyGeometry.Deg);
            }
        }

        return gains;
    }

    /// <summary>SHA-256 of a file, hex: what later steps put in their inputs so that new solutions or images redo them.</summary>
    public static string Checksum(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }

    /// <summary>Peak |pixel| within <paramref name="radiusPixels"/> of the image centre.</summary>
    public static double CentralPeak(Fits.FitsImage image, double radiusPixels)
    {
        double peak = 0;
        var cx = image.Width / 2;
        var cy = image.Height / 2;
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                if (((x - cx) * (x - cx)) + ((y - cy) * (y - cy)) <= radiusPixels * radiusPixels)
                {
                    peak = Math.Max(peak, Math.Abs(image[x, y]));
                }
            }
        }

        return peak;
    }
}

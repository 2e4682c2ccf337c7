using System.Globalization;
using System.Text;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>Reads and writes a sky model as CSV: <c>name,ra_deg,dec_deg,flux_jy,size_arcsec</c>, '#' comments allowed.</summary>
public static class SkyModelFile
{
    /// <summary>Writes <paramref name="sources"/> to <paramref name="path"/>.</summary>
    public static void Write(string path, IEnumerable<SkySource> sources)
    {
        var text = new StringBuilder("name,ra_deg,dec_deg,flux_jy,size_arcsec\n");
        foreach (var s in sources)
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.Name},{s.RaDeg:R},{s.DecDeg:R},{s.FluxJy:R},{s.SizeArcsec:R}\n");
        }

        File.WriteAllText(path, text.ToString());
    }

    /// <summary>Reads a sky model written by <see cref="Write"/>.</summary>
    public static IReadOnlyList<SkySource> Read(string path)
    {
        var result = new List<SkySource>();
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith("name,", StringComparison.Ordinal))
            {
                continue;
            }

            var f = line.Split(',');
            if (f.Length < 4)
            {
                throw new FormatException($"{path}: sky model line '{line}' needs name,ra_deg,dec_deg,flux_jy[,size_arcsec]");
            }

            result.Add(new SkySource(f[0].Trim(), Parse(f[1]), Parse(f[2]), Parse(f[3]), f.Length > 4 ? Parse(f[4]) : 0));
        }

        return result;
    }

    private static double Parse(string s) => double.Parse(s.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
}

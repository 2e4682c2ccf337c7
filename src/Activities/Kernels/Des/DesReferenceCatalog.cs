using System.Globalization;
using System.Text;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>Reads and writes the GAIA-style reference catalogue (CSV with a header: source_id,ra,dec,mag).</summary>
internal static class DesReferenceCatalog
{
    public static void Write(string path, IEnumerable<DesReferenceStar> stars)
    {
        var sb = new StringBuilder("source_id,ra,dec,mag\n");
        foreach (var s in stars)
        {
            sb.Append(CultureInfo.InvariantCulture, $"{s.SourceId},{s.RaDeg:R},{s.DecDeg:R},{s.Mag:R}\n");
        }

        DesFiles.WriteText(path, sb.ToString());
    }

    public static List<DesReferenceStar> Read(string path)
    {
        var lines = DesFiles.ReadLines(path);
        if (lines.Count == 0 || lines[0] != "source_id,ra,dec,mag")
        {
            throw new DesDataException(path, "is not a reference catalogue (expected the header 'source_id,ra,dec,mag')");
        }

        var stars = new List<DesReferenceStar>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 4
                || !long.TryParse(f[0], NumberStyles.Integer, CultureInfo.InvariantCulture, out var id)
                || !double.TryParse(f[1], NumberStyles.Float, CultureInfo.InvariantCulture, out var ra)
                || !double.TryParse(f[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var dec)
                || !double.TryParse(f[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var mag))
            {
                throw new DesDataException(path, $"line {i + 1} is not 'source_id,ra,dec,mag': '{lines[i]}'");
            }

            stars.Add(new DesReferenceStar(id, ra, dec, mag));
        }

        return stars;
    }
}

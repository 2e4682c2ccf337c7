using System.Globalization;
using System.Text;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>Reads and writes a CCD's source catalogue as CSV (one header line, then one row per <see cref="DesSource"/>).</summary>
public static class DesSourceCatalog
{
    private const string Header = "id,x,y,flux_aper,flux_aper_err,snr,size,flags,ra,dec,ref_id,ref_mag,flux_psf,flux_psf_err,mag_psf";

    /// <summary>Writes <paramref name="sources"/> to <paramref name="path"/> (atomically).</summary>
    public static void Write(string path, IEnumerable<DesSource> sources)
    {
        var sb = new StringBuilder(Header).Append('\n');
        foreach (var s in sources)
        {
            sb.Append(CultureInfo.InvariantCulture,
                $"{s.Id},{s.X:R},{s.Y:R},{s.FluxAper:R},{s.FluxAperErr:R},{s.Snr:R},{s.Size:R},{s.Flags},{s.RaDeg:R},{s.DecDeg:R},{s.RefId},{s.RefMag:R},{s.FluxPsf:R},{s.FluxPsfErr:R},{s.MagPsf:R}\n");
        }

        DesFiles.WriteText(path, sb.ToString());
    }

    /// <summary>Reads a catalogue written by <see cref="Write"/>; a malformed one throws <see cref="DesDataException"/> naming the line.</summary>
    public static IReadOnlyList<DesSource> Read(string path)
    {
        var lines = DesFiles.ReadLines(path);
        if (lines.Count == 0 || lines[0] != Header)
        {
            throw new DesDataException(path, "is not a DES source catalogue (unexpected header)");
        }

        var result = new List<DesSource>(lines.Count - 1);
        for (var i = 1; i < lines.Count; i++)
        {
            var f = lines[i].Split(',');
            if (f.Length != 15)
            {
                throw new DesDataException(path, $"line {i + 1} has {f.Length} columns, expected 15");
            }

            try
            {
                double D(int k) => double.Parse(f[k], NumberStyles.Float, CultureInfo.InvariantCulture);
                result.Add(new DesSource(int.Parse(f[0], CultureInfo.InvariantCulture), D(1), D(2), D(3), D(4), D(5), D(6),
                    int.Parse(f[7], CultureInfo.InvariantCulture), D(8), D(9), long.Parse(f[10], CultureInfo.InvariantCulture), D(11), D(12), D(13)));
            }
            catch (FormatException)
            {
                throw new DesDataException(path, $"line {i + 1} has a value that is not a number: '{lines[i]}'");
            }
        }

        return result;
    }
}

using System.Globalization;
using System.Text;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>
/// Reads and writes <c>factor_directions.txt</c>: one direction per line, fields separated by whitespace or commas, in
/// Factor's column order <c>name ra dec atrous_do mscale_field_do cal_imsize solint_ph solint_amp dynamic_range
/// region_selfcal region_field peel_skymodel outlier_source cal_radius_deg cal_flux</c>. Only name, ra and dec are
/// required; <c>empty</c> marks an unset value; '#' starts a comment. RA and Dec are degrees or sexagesimal
/// (<c>08h13m36.0s</c> / <c>08:13:36.0</c>, <c>+55d00m00.0s</c> / <c>+55:00:00.0</c>).
/// </summary>
public static class DirectionsFile
{
    /// <summary>The file name Factor looks for in its working directory.</summary>
    public const string DefaultName = "factor_directions.txt";

    private const string Header = "# name ra dec atrous_do mscale_field_do cal_imsize solint_ph solint_amp dynamic_range region_selfcal region_field peel_skymodel outlier_source cal_radius_deg cal_flux";

    /// <summary>Writes <paramref name="directions"/>.</summary>
    public static void Write(string path, IEnumerable<Direction> directions)
    {
        var text = new StringBuilder(Header).Append('\n');
        foreach (var d in directions)
        {
            text.Append(CultureInfo.InvariantCulture,
                $"{d.Name} {FormatRa(d.RaDeg)} {FormatDec(d.DecDeg)} empty empty empty empty empty empty empty empty empty {(d.OutlierSource ? "True" : "False")} {Optional(d.CalRadiusDeg)} {Optional(d.FluxJy)}\n");
        }

        var temp = $"{path}.tmp{Environment.ProcessId}";
        File.WriteAllText(temp, text.ToString());
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Reads a directions file; a malformed line throws <see cref="FormatException"/> naming file and line.</summary>
    public static IReadOnlyList<Direction> Read(string path)
    {
        var result = new List<Direction>();
        var number = 0;
        foreach (var raw in File.ReadLines(path))
        {
            number++;
            var hash = raw.IndexOf('#', StringComparison.Ordinal);
            var line = (hash >= 0 ? raw[..hash] : raw).Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split([' ', '\t', ','], StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 3)
            {
                throw new FormatException($"{path}:{number}: a direction needs at least name, ra and dec: '{line}'");
            }

            try
            {
                result.Add(new Direction(
                    f[0],
                    ParseAngle(f[1], hours: true),
                    ParseAngle(f[2], hours: false),
                    FluxJy: f.Length > 14 ? ParseOptional(f[14]) : double.NaN,
                    CalRadiusDeg: f.Length > 13 ? ParseOptional(f[13]) : double.NaN,
                    OutlierSource: f.Length > 12 && f[12].Equals("true", StringComparison.OrdinalIgnoreCase)));
            }
            catch (FormatException e)
            {
                throw new FormatException($"{path}:{number}: {e.Message}", e);
            }
        }

        var duplicate = result.GroupBy(d => d.Name, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        return duplicate is null ? result : throw new FormatException($"{path}: direction '{duplicate.Key}' appears more than once");
    }

    /// <summary>Parses degrees, or sexagesimal hours (RA) / degrees (Dec).</summary>
    internal static double ParseAngle(string text, bool hours)
    {
        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var degrees))
        {
            return degrees;
        }

        var negative = text.StartsWith('-');
        var parts = text.TrimStart('+', '-').Split(['h', 'd', 'm', 's', ':'], StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length is < 1 or > 3 || !parts.All(p => double.TryParse(p, NumberStyles.Float, CultureInfo.InvariantCulture, out _)))
        {
            throw new FormatException($"'{text}' is not an angle");
        }

        var v = parts.Select((p, i) => double.Parse(p, CultureInfo.InvariantCulture) / Math.Pow(60, i)).Sum();
        v = hours ? v * 15 : v;
        return negative ? -v : v;
    }

    private static string FormatRa(double raDeg)
    {
        var totalSeconds = Math.Round(((raDeg % 360) + 360) % 360 / 15 * 3600, 5);
        var h = (int)(totalSeconds / 3600);
        var m = (int)((totalSeconds - (h * 3600)) / 60);
        var s = totalSeconds - (h * 3600) - (m * 60);
        return string.Create(CultureInfo.InvariantCulture, $"{h:00}h{m:00}m{s:00.00000}s");
    }

    private static string FormatDec(double decDeg)
    {
        var totalSeconds = Math.Round(Math.Abs(decDeg) * 3600, 4);
        var d = (int)(totalSeconds / 3600);
        var m = (int)((totalSeconds - (d * 3600)) / 60);
        var s = totalSeconds - (d * 3600) - (m * 60);
        return string.Create(CultureInfo.InvariantCulture, $"{(decDeg < 0 ? '-' : '+')}{d:00}d{m:00}m{s:00.0000}s");
    }

    private static string Optional(double v) => double.IsNaN(v) ? "empty" : v.ToString("R", CultureInfo.InvariantCulture);

    private static double ParseOptional(string text) =>
        text.Equals("empty", StringComparison.OrdinalIgnoreCase) ? double.NaN : double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}

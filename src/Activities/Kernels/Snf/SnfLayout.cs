using Nightshift.Activities.Fits;
using Nightshift.Durable;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// Where raw data and products live. Raw: <c>RAW/NIGHT/night.json</c>, <c>RAW/NIGHT/EXP.fits</c> (IFU frame),
/// <c>RAW/NIGHT/EXP_P.fits</c> (photometric channel), <c>RAW/flat.fits</c>, <c>RAW/fields.json</c>. Products of one
/// production: <c>PROD/nights/NIGHT/…</c> and <c>PROD/targets/TARGET/…</c>; a production only ever reads and writes
/// under its own PROD, so two productions cannot see each other's results.
/// </summary>
internal sealed record SnfLayout(string Raw, string Prod)
{
    public string NightLog(string night) => Path.Combine(Raw, night, "night.json");

    public string RawFrame(string night, string exposure) => Path.Combine(Raw, night, exposure + ".fits");

    public string PhotometricFrame(string night, string exposure) => Path.Combine(Raw, night, exposure + "_P.fits");

    public string Flat => Path.Combine(Raw, "flat.fits");

    public string Fields => Path.Combine(Raw, "fields.json");

    public string Night(string night) => Path.Combine(Prod, "nights", night);

    public string Quality(string night) => Path.Combine(Night(night), "quality.json");

    public string Cubes(string night) => Path.Combine(Night(night), "cubes");

    public string Cube(string night, string exposure) => Path.Combine(Cubes(night), exposure + ".fits");

    public string Stars(string night) => Path.Combine(Night(night), "stars");

    public string Extinction(string night) => Path.Combine(Night(night), "extinction.json");

    public string Photometricity(string night) => Path.Combine(Night(night), "photometricity.json");

    public string Ratios(string night) => Path.Combine(Night(night), "ratios.json");

    public string GuidePsf(string night) => Path.Combine(Night(night), "psf.json");

    public string Target(string target) => Path.Combine(Prod, "targets", target);

    public string FluxSolution(string target) => Path.Combine(Target(target), "fluxsol.json");

    public string CalibratedCubes(string target) => Path.Combine(Target(target), "calcubes");

    public string HostModel(string target) => Path.Combine(Target(target), "host.json");

    public string SubtractedCubes(string target) => Path.Combine(Target(target), "subcubes");

    public string Spectra(string target) => Path.Combine(Target(target), "spectra.json");

    public string LightCurve(string target) => Path.Combine(Target(target), "lightcurve.json");

    public static T Read<T>(string path)
    {
        if (!File.Exists(path))
        {
            throw new SnfDataException($"{path}: no such file");
        }

        try
        {
            return DurableJson.Deserialize<T>(File.ReadAllText(path)) ?? throw new SnfDataException($"{path}: empty");
        }
        catch (System.Text.Json.JsonException e)
        {
            throw new SnfDataException($"{path}: {e.Message}", e);
        }
    }

    /// <summary>Writes through a temporary file and a rename, so a reader never sees half a product.</summary>
    public static void Write<T>(string path, T value)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        File.WriteAllText(temp, DurableJson.Serialize(value));
        File.Move(temp, path, overwrite: true);
    }

    public static FitsImage ReadFits(string path)
        => File.Exists(path) ? FitsFile.Read(path) : throw new SnfDataException($"{path}: no such file");

    public static void WriteFits(string path, FitsImage image)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var temp = path + ".tmp";
        FitsFile.Write(temp, image);
        File.Move(temp, path, overwrite: true);
    }
}

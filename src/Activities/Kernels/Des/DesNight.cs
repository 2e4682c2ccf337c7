using System.Globalization;
using System.Text.Json;
using Nightshift.Activities.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// The manifest of a synthetic night (<c>night.json</c>): its configuration and exposures, and where the raw files,
/// master calibrations, reference catalogue and truth are. Paths are relative to <see cref="RootDirectory"/>.
/// </summary>
/// <param name="Config">The configuration it was generated from.</param>
/// <param name="Exposures">Exposures in time order.</param>
public sealed record DesNight(DesNightConfig Config, IReadOnlyList<DesExposure> Exposures)
{
    /// <summary>The manifest's file name in the night's directory.</summary>
    public const string FileName = "night.json";

    /// <summary>The directory the night was written to (not serialised; set on load).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public string RootDirectory { get; init; } = ".";

    /// <summary>The GAIA-style reference catalogue (CSV: source_id, ra, dec, mag).</summary>
    public string ReferenceCatalog => Path.Combine(RootDirectory, "reference", "gaia.csv");

    /// <summary>Truth of every CCD (true WCS, zero point, PSF, status), as JSON.</summary>
    public string TruthCcds => Path.Combine(RootDirectory, "truth", "ccds.json");

    /// <summary>Truth of injected transients and template-only sources, as JSON.</summary>
    public string TruthSources => Path.Combine(RootDirectory, "truth", "sources.json");

    /// <summary>The CCDs that processing should run: rendered ones not excluded by configuration.</summary>
    public IEnumerable<int> ProcessedCcds(DesExposure exposure) => exposure.Ccds.Where(c => !Config.ExcludedCcds.Contains(c));

    /// <summary>The raw file of one CCD of one exposure.</summary>
    public string Raw(int expNum, int ccd) =>
        Path.Combine(RootDirectory, "raw", string.Create(CultureInfo.InvariantCulture, $"D{expNum:D8}_{Config.Band}_c{ccd:D2}_raw.fits"));

    /// <summary>The master bias of a CCD.</summary>
    public string Bias(int ccd) => Path.Combine(RootDirectory, "calib", string.Create(CultureInfo.InvariantCulture, $"bias_c{ccd:D2}.fits"));

    /// <summary>The master flat of a CCD in the night's band.</summary>
    public string Flat(int ccd) =>
        Path.Combine(RootDirectory, "calib", string.Create(CultureInfo.InvariantCulture, $"flat_{Config.Band}_c{ccd:D2}.fits"));

    /// <summary>The bad-pixel mask of a CCD (BITPIX 16; 1 dead, 2 hot).</summary>
    public string BadPixelMask(int ccd) => Path.Combine(RootDirectory, "calib", string.Create(CultureInfo.InvariantCulture, $"bpm_c{ccd:D2}.fits"));

    /// <summary>The exposure with number <paramref name="expNum"/>.</summary>
    public DesExposure Exposure(int expNum) =>
        Exposures.FirstOrDefault(e => e.ExpNum == expNum) ?? throw new DesDataException(Path.Combine(RootDirectory, FileName), $"no exposure {expNum}");

    /// <summary>The truth of every CCD.</summary>
    public IReadOnlyList<DesCcdTruth> ReadCcdTruth() => Read<List<DesCcdTruth>>(TruthCcds);

    /// <summary>The truth of the injected sources.</summary>
    public IReadOnlyList<DesTruthSource> ReadSourceTruth() => Read<List<DesTruthSource>>(TruthSources);

    /// <summary>Writes the manifest to <see cref="RootDirectory"/>.</summary>
    public void Save() => LapKernelJson.Write(Path.Combine(RootDirectory, FileName), this);

    /// <summary>Reads the manifest of the night in <paramref name="directory"/>.</summary>
    public static DesNight Load(string directory)
    {
        var root = Path.GetFullPath(directory);
        return Read<DesNight>(Path.Combine(root, FileName)) with { RootDirectory = root };
    }

    internal static T Read<T>(string path)
    {
        try
        {
            return JsonSerializer.Deserialize<T>(File.ReadAllText(path), LapKernelJson.Options)
                ?? throw new DesDataException(path, "is empty");
        }
        catch (JsonException e)
        {
            throw new DesDataException(path, $"is not valid JSON: {e.Message}");
        }
        catch (FileNotFoundException)
        {
            throw new DesDataException(path, "does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            throw new DesDataException(path, "does not exist");
        }
    }
}

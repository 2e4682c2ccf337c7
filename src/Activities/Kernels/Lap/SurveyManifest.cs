using System.Text.Json;
using System.Text.Json.Serialization;
using Nightshift.Durable;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// What the generator wrote (<c>survey.json</c> in the survey directory): the tessellation, the raw exposures, the
/// calibration frames and the truth. Paths are relative to the survey directory, so a copied survey stays valid.
/// </summary>
/// <param name="Config">The configuration it was generated from.</param>
/// <param name="BiasPath">Master bias, relative path.</param>
/// <param name="FlatPath">Master flat of the filter, relative path.</param>
/// <param name="ProjectionCells">The tessellation.</param>
/// <param name="Exposures">The raw exposures in time order.</param>
/// <param name="Transients">Truth: injected transients.</param>
/// <param name="Streaks">Truth: satellite streaks.</param>
public sealed record SurveyManifest(
    SurveyConfig Config,
    string BiasPath,
    string FlatPath,
    IReadOnlyList<ProjectionCell> ProjectionCells,
    IReadOnlyList<SurveyExposure> Exposures,
    IReadOnlyList<TruthTransient> Transients,
    IReadOnlyList<TruthStreak> Streaks)
{
    /// <summary>The manifest's file name inside a survey directory.</summary>
    public const string FileName = "survey.json";

    private static readonly JsonSerializerOptions Indented = new(DurableJson.Options) { WriteIndented = true };

    /// <summary>The survey directory (set by <see cref="Load"/> and by the generator; not serialised).</summary>
    [JsonIgnore]
    public string RootDirectory { get; init; } = string.Empty;

    /// <summary>The absolute path of a path stored in the manifest.</summary>
    public string Resolve(string relativePath) => Path.GetFullPath(Path.Combine(RootDirectory, relativePath));

    /// <summary>Reads <c>survey.json</c> from <paramref name="directory"/>.</summary>
    public static SurveyManifest Load(string directory)
    {
        var path = Path.Combine(directory, FileName);
        var manifest = JsonSerializer.Deserialize<SurveyManifest>(File.ReadAllText(path), DurableJson.Options)
            ?? throw new InvalidDataException($"'{path}' holds no survey manifest");
        return manifest with { RootDirectory = Path.GetFullPath(directory) };
    }

    /// <summary>Writes <c>survey.json</c> into <see cref="RootDirectory"/>.</summary>
    public void Save() =>
        File.WriteAllText(Path.Combine(RootDirectory, FileName), JsonSerializer.Serialize(this, Indented) + "\n");
}

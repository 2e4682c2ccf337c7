namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// An analysis configuration (YAML): the datasets and their samples, object definitions, skim and preselection cuts,
/// categories, weights and histograms. <see cref="Load"/> validates all of it against the dataset definitions, so
/// an unknown variable, bad binning or a missing dataset file is found before any chunk runs.
/// </summary>
public sealed class AnalysisConfig
{
    /// <summary>The weights a configuration may apply to simulation.</summary>
    public static readonly IReadOnlyList<string> KnownWeights = ["genWeight", "lumi", "XS"];

    internal AnalysisConfig()
    {
    }

    /// <summary>The configuration file, absolute.</summary>
    public required string Path { get; init; }

    /// <summary>The datasets to process, after the sample and dataset filters, in file order.</summary>
    public required IReadOnlyList<DatasetDefinition> Datasets { get; init; }

    /// <summary>Integrated luminosity in pb⁻¹.</summary>
    public required double Luminosity { get; init; }

    /// <summary>The histogram names, in configuration order.</summary>
    public IReadOnlyList<string> HistogramNames => [.. Histograms.Select(h => h.Name)];

    /// <summary>The category names, in configuration order.</summary>
    public IReadOnlyList<string> CategoryNames => [.. Categories.Select(c => c.Name)];

    internal ObjectSelection Objects { get; init; } = new();

    internal IReadOnlyList<CutDefinition> Skim { get; init; } = [];

    internal IReadOnlyList<CutDefinition> Preselection { get; init; } = [];

    internal IReadOnlyList<CutDefinition> Categories { get; init; } = [];

    internal IReadOnlyList<string> Weights { get; init; } = [];

    internal IReadOnlyList<HistogramDefinition> Histograms { get; init; } = [];

    /// <summary>Reads and validates a configuration; anything wrong throws <see cref="AnalysisConfigException"/>.</summary>
    public static AnalysisConfig Load(string path) => AnalysisConfigReader.Read(path);

    /// <summary>The dataset named <paramref name="name"/>.</summary>
    public DatasetDefinition Dataset(string name)
        => Datasets.FirstOrDefault(d => d.Name == name) ?? throw new AnalysisConfigException(Path, "datasets", $"no dataset named '{name}' (known: {string.Join(", ", Datasets.Select(d => d.Name))})");

    /// <summary>
    /// The weight of an event of <paramref name="dataset"/>: 1 for data; for simulation the product of the configured
    /// weights, genWeight × (lumi × xsec ÷ sum of generator weights).
    /// </summary>
    internal double NormalisationOf(DatasetDefinition dataset)
    {
        if (!dataset.IsMC)
        {
            return 1;
        }

        var scale = 1.0;
        if (Weights.Contains("lumi"))
        {
            scale *= Luminosity;
        }

        if (Weights.Contains("XS"))
        {
            scale *= dataset.CrossSection / dataset.SumGenWeights;
        }

        return scale;
    }

    internal bool UsesGenWeight => Weights.Contains("genWeight");
}

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// One dataset of a dataset definition file, as PocketCoffea's <c>datasets/*.json</c> hold them: its files and its
/// metadata (sample, year, whether simulated, cross-section in pb, sum of generator weights, event count).
/// </summary>
public sealed record DatasetDefinition
{
    /// <summary>The dataset's name, the key in the definition file.</summary>
    public required string Name { get; init; }

    /// <summary>The sample the dataset belongs to (several datasets may make one sample, one colour in a plot).</summary>
    public required string Sample { get; init; }

    /// <summary>The data-taking year.</summary>
    public string Year { get; init; } = "2018";

    /// <summary>True for simulation, which is weighted; false for collision data.</summary>
    public required bool IsMC { get; init; }

    /// <summary>Cross-section in pb (simulation only).</summary>
    public double CrossSection { get; init; }

    /// <summary>Sum of generator weights over the whole dataset, the normalisation of the simulated sample.</summary>
    public double SumGenWeights { get; init; }

    /// <summary>Events in the dataset as produced, unreadable files included, so a loss shows against it.</summary>
    public long Events { get; init; }

    /// <summary>The Parquet files, absolute paths or relative to the definition file.</summary>
    public required IReadOnlyList<string> Files { get; init; }
}

namespace Nightshift.Workflows.Production;

/// <summary>Asks a production to generate synthetic raw data first when its raw directory does not exist.</summary>
public sealed class ProductionDataConfig
{
    /// <summary>Nights (at least 8).</summary>
    public int Nights { get; set; } = 10;

    /// <summary>Followed targets.</summary>
    public int Targets { get; set; } = 3;

    /// <summary>Seed of the synthetic data.</summary>
    public int Seed { get; set; } = 1;
}

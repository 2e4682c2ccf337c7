namespace Nightshift.Activities.Production;

/// <summary>The registered names of the production activities.</summary>
public static class ProductionActivityNames
{
    /// <summary>Plans a run (nights, done nights, targets) and registers the production.</summary>
    public const string Begin = "production.begin";

    /// <summary>Records the end of a night's or target's chain and registers its outputs.</summary>
    public const string Record = "production.record";

    /// <summary>Records the end of a run.</summary>
    public const string End = "production.end";
}

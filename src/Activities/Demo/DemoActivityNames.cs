namespace Nightshift.Activities.Demo;

/// <summary>The names under which the demo's activities are registered.</summary>
public static class DemoActivityNames
{
    /// <summary><see cref="CountChunkActivity"/>: one chunk of the fan-out.</summary>
    public const string Chunk = "demo.chunk";

    /// <summary><see cref="ReduceActivity"/>: the fan-in.</summary>
    public const string Reduce = "demo.reduce";

    /// <summary><see cref="VerifyActivity"/>: checks the totals against closed forms.</summary>
    public const string Verify = "demo.verify";

    /// <summary><see cref="SummariseActivity"/>: the output record.</summary>
    public const string Summarise = "demo.summarise";
}

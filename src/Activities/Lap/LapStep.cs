namespace Nightshift.Activities.Lap;

/// <summary>What every LAP step needs to know about the run it works for.</summary>
/// <param name="SeqId">The sequence.</param>
/// <param name="LapId">The run (its instance id).</param>
/// <param name="SurveyDirectory">The survey (raw exposures and <c>survey.json</c>).</param>
/// <param name="OutputDirectory">Where products are written.</param>
/// <param name="Injections">Faults to inject.</param>
public sealed record LapStep(string SeqId, string LapId, string SurveyDirectory, string OutputDirectory, IReadOnlyList<LapFaultInjection> Injections)
{
    /// <summary>The sequence's work directory (products shared by the runs of the sequence).</summary>
    public string WorkDirectory => Path.Combine(OutputDirectory, "work", Safe(SeqId));

    /// <summary>Base path of an exposure's chip product (shared by the runs of the sequence).</summary>
    public string ChipBase(string exposure) => Path.Combine(WorkDirectory, "chip", exposure);

    /// <summary>Directory of an exposure's warps (<c>EXPOSURE.SKYCELL</c>), shared by the runs of the sequence.</summary>
    public string WarpDirectory(string exposure) => Path.Combine(WorkDirectory, "warp", exposure);

    /// <summary>Base path of this run's stack of a skycell in a stacking pass.</summary>
    public string StackBase(string skycell, int pass) => Path.Combine(OutputDirectory, "stacks", Safe(LapId), $"pass{pass}", $"stack.{skycell}");

    /// <summary>Base path of one skycell's difference of this run (<paramref name="kind"/> diff or final).</summary>
    public string DiffBase(string kind, string scienceName, string? templateName, string skycell) =>
        Path.Combine(OutputDirectory, "diffs", Safe(LapId), kind, $"{scienceName}-{templateName ?? "stack"}.{skycell}");

    /// <summary>Where a batch job of this run writes its kernel's result (JSON) for the step to record.</summary>
    public string JobResultPath(string jobName) => Path.Combine(OutputDirectory, "jobs", Safe(LapId), jobName + ".json");

    /// <summary>A name usable as a path component.</summary>
    public static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}

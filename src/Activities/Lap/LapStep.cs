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

    /// <summary>A name usable as a path component.</summary>
    public static string Safe(string name) => string.Concat(name.Select(c => char.IsLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}

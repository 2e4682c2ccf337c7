namespace Nightshift.Activities.Jobs;

/// <summary>One job inside a submission: its array index and the files it writes.</summary>
internal sealed record JobBatchMember(JobRow Row, int Index, IReadOnlyList<string> Words, string StdoutPath, string StderrPath)
{
    public string ExitCodePath => Path.ChangeExtension(StdoutPath, ".exit");
}

using System.Globalization;
using System.Text.Json.Nodes;
using Nightshift.Activities.Jobs;
using Nightshift.Host.Cli;
using Spectre.Console;

namespace Nightshift.Host.Display;

/// <summary>The views of the <c>jobs</c> table: listings, the failures' stderr, attrition and deletions.</summary>
internal static class JobsView
{
    /// <summary>Lines of a failed job's stderr shown under the table; the full log is at its stderr path.</summary>
    private const int TailLines = 8;

    public static void List(IReadOnlyList<JobRecord> jobs)
    {
        if (jobs.Count == 0)
        {
            Terminal.Out.MarkupLine("[grey]No jobs match.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Job").AddColumn("Backend").AddColumn("Scheduler id").AddColumn("State")
            .AddColumn(new TableColumn("Exit").RightAligned()).AddColumn("Submitted (UTC)")
            .AddColumn(new TableColumn("Elapsed").RightAligned()).AddColumn(new TableColumn("CPU s").RightAligned())
            .AddColumn(new TableColumn("Max RSS").RightAligned()).AddColumn("Reason");
        foreach (var j in jobs)
        {
            table.AddRow(
                new Text(j.JobKey),
                new Text(j.Backend),
                new Text(j.SchedulerId ?? ""),
                State(j.State),
                new Text(Exit(j)),
                new Text(j.SubmittedAt is { } s ? StateView.Time(s) : ""),
                new Text(j.StartedAt is { } start && j.EndedAt is { } end ? StateView.Duration(end - start) : ""),
                new Text(j.CpuSeconds is { } cpu ? cpu.ToString("0.0", CultureInfo.InvariantCulture) : ""),
                new Text(j.MaxRssBytes is { } rss ? Bytes(rss) : ""),
                new Text(j.Reason ?? ""));
        }

        Terminal.Out.Write(table);
        Failures(jobs.Where(IsFailure).ToList());
    }

    public static void Attrition(JobAttrition attrition)
    {
        Terminal.Out.MarkupLine($"[bold]{Markup.Escape(attrition.InstanceId)}[/]: jobs per step, by the latest attempt");
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn(new TableColumn("Expected").RightAligned()).AddColumn(new TableColumn("Finished").RightAligned())
            .AddColumn(new TableColumn("Failed").RightAligned()).AddColumn(new TableColumn("Missing").RightAligned())
            .AddColumn(new TableColumn("Yield").RightAligned());
        table.AddRow(
            Number(attrition.Expected), Number(attrition.Finished), Number(attrition.Failed), Number(attrition.Missing),
            attrition.Expected == 0 ? "" : (attrition.Finished / (double)attrition.Expected).ToString("P1", CultureInfo.InvariantCulture));
        Terminal.Out.Write(table);
        if (attrition.Unfinished.Count > 0)
        {
            Terminal.Out.MarkupLine("[bold]Missing[/] (not ended yet):");
            foreach (var j in attrition.Unfinished)
            {
                Console.Out.WriteLine($"  {j.Step}  {JobStateArgument.Name(j.State)}  {j.JobKey}");
            }
        }

        Failures(attrition.Failures);
    }

    public static void Deletions(IReadOnlyList<JobDeletion> deletions)
    {
        foreach (var d in deletions)
        {
            var line = d.Result switch
            {
                JobDeletionResult.Deleted => $"deleted {d.JobKey} ({StateName(d.State)}): record and {d.RemovedPaths.Count} file(s) removed",
                JobDeletionResult.WouldDelete => $"would delete {d.JobKey} ({StateName(d.State)}): record and {d.RemovedPaths.Count} file(s)",
                JobDeletionResult.NotFound => $"no job {d.JobKey}",
                JobDeletionResult.Active => $"kept {d.JobKey}: it is {StateName(d.State)}, not ended; terminate its instance first",
                _ => throw new ArgumentOutOfRangeException(nameof(deletions), d.Result, null),
            };
            Console.Out.WriteLine(line);
            foreach (var path in d.RemovedPaths)
            {
                Console.Out.WriteLine("  " + path);
            }

            foreach (var problem in d.Problems)
            {
                Terminal.Message($"could not remove {problem}");
            }
        }
    }

    public static JsonArray Json(IEnumerable<JobRecord> jobs) => StateJson.Array(jobs.Select(Json));

    public static JsonObject Json(JobAttrition attrition) => new()
    {
        ["instanceId"] = attrition.InstanceId,
        ["expected"] = attrition.Expected,
        ["finished"] = attrition.Finished,
        ["failed"] = attrition.Failed,
        ["missing"] = attrition.Missing,
        ["failures"] = Json(attrition.Failures),
        ["unfinished"] = Json(attrition.Unfinished),
    };

    public static JsonObject Json(JobRecord j) => new()
    {
        ["jobKey"] = j.JobKey,
        ["instanceId"] = j.InstanceId,
        ["step"] = j.Step,
        ["attempt"] = j.Attempt,
        ["backend"] = j.Backend,
        ["schedulerId"] = j.SchedulerId,
        ["state"] = JobStateArgument.Name(j.State),
        ["exitCode"] = j.ExitCode,
        ["signal"] = j.Signal,
        ["reason"] = j.Reason,
        ["createdAt"] = j.CreatedAt,
        ["submittedAt"] = j.SubmittedAt,
        ["startedAt"] = j.StartedAt,
        ["endedAt"] = j.EndedAt,
        ["cpuSeconds"] = j.CpuSeconds,
        ["maxRssBytes"] = j.MaxRssBytes,
        ["stdoutPath"] = j.StdoutPath,
        ["stderrPath"] = j.StderrPath,
        ["stderrTail"] = j.StderrTail,
    };

    private static bool IsFailure(JobRecord j) => j.State is not (JobState.Completed or JobState.Pending or JobState.Submitting or JobState.Queued or JobState.Running or JobState.Held);

    private static void Failures(IReadOnlyList<JobRecord> failures)
    {
        foreach (var j in failures)
        {
            Terminal.Out.MarkupLine($"[red]{Markup.Escape(JobStateArgument.Name(j.State))}[/] [bold]{Markup.Escape(j.JobKey)}[/]{Markup.Escape(j.Reason is null ? "" : ": " + j.Reason)}");
            var tail = (j.StderrTail ?? "").TrimEnd().Split('\n');
            if (tail is [""])
            {
                Console.Out.WriteLine("  (stderr was empty)");
            }
            else
            {
                foreach (var line in tail.TakeLast(TailLines))
                {
                    Console.Out.WriteLine("  | " + line.TrimEnd('\r'));
                }
            }

            if (j.StderrPath is not null)
            {
                Console.Out.WriteLine("  stderr: " + j.StderrPath);
            }
        }
    }

    private static Text State(JobState state) => new(JobStateArgument.Name(state), state switch
    {
        JobState.Completed => new Style(Color.Green),
        JobState.Pending or JobState.Submitting or JobState.Queued or JobState.Running => Style.Plain,
        JobState.Held => new Style(Color.Yellow),
        _ => new Style(Color.Red),
    });

    private static string StateName(JobState? state) => state is { } s ? JobStateArgument.Name(s) : "?";

    private static string Exit(JobRecord j) => j.Signal is { } signal
        ? "sig " + signal.ToString(CultureInfo.InvariantCulture)
        : j.ExitCode?.ToString(CultureInfo.InvariantCulture) ?? "";

    private static string Number(int n) => n.ToString(CultureInfo.InvariantCulture);

    private static string Bytes(long bytes) => bytes >= 1L << 30
        ? (bytes / (double)(1L << 30)).ToString("0.0 'GiB'", CultureInfo.InvariantCulture)
        : (bytes / (double)(1L << 20)).ToString("0.0 'MiB'", CultureInfo.InvariantCulture);
}

using System.Globalization;
using Nightshift.Durable;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Nightshift.Host.Display;

/// <summary>The human-readable views of instances and history (tables on stdout).</summary>
internal static class StateView
{
    public static void Details(OrchestrationState state, int historyEvents)
    {
        // Label in markup, value as raw text: long JSON must not be re-wrapped or padded by the renderer.
        void Row(string name, string value, IRenderable? styled = null)
        {
            Terminal.Out.Markup($"[bold]{Markup.Escape(name.PadRight(15))}[/]");
            if (styled is null)
            {
                Console.Out.WriteLine(value);
            }
            else
            {
                Terminal.Out.Write(styled);
                Terminal.Out.WriteLine();
            }
        }

        Row("Instance", state.InstanceId);
        Row("Name", state.Name);
        Row("Status", "", Status(state.Status));
        Row("Execution", state.ExecutionId);
        if (state.ParentInstanceId is { } parent)
        {
            Row("Parent", parent);
        }

        Row("Created", Time(state.CreatedAt) + " UTC");
        Row("Updated", Time(state.UpdatedAt) + " UTC");
        if (state.CompletedAt is { } completed)
        {
            Row("Completed", $"{Time(completed)} UTC (after {Duration(completed - state.CreatedAt)})");
        }

        Row("History", $"{historyEvents} events");
        if (state.CustomStatus is not null)
        {
            Row("Custom status", StateJson.Compact(state.CustomStatus));
        }

        if (state.Failure is { } failure)
        {
            Row("Failure", failure.Summary);
        }

        Row("Input", StateJson.Compact(state.Input));
        if (state.Output is not null)
        {
            Row("Output", StateJson.Compact(state.Output));
        }
    }

    public static void List(IReadOnlyList<OrchestrationState> states)
    {
        if (states.Count == 0)
        {
            Terminal.Out.MarkupLine("[grey]No instances match.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Instance").AddColumn("Name").AddColumn("Status").AddColumn("Progress")
            .AddColumn("Created (UTC)").AddColumn(new TableColumn("Duration").RightAligned());
        foreach (var s in states)
        {
            var end = s.CompletedAt ?? (s.Status.IsTerminal() ? s.UpdatedAt : (DateTime?)null);
            table.AddRow(
                new Text(s.InstanceId),
                new Text(s.Name),
                Status(s.Status),
                new Text(Progress(s)),
                new Text(Time(s.CreatedAt)),
                new Text(end is { } e ? Duration(e - s.CreatedAt) : ""));
        }

        Terminal.Out.Write(table);
    }

    public static void History(IReadOnlyList<HistoryEventRecord> events, bool full)
    {
        if (events.Count == 0)
        {
            Terminal.Out.MarkupLine("[grey]No history yet: no episode has run.[/]");
            return;
        }

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("Execution").AddColumn(new TableColumn("#").RightAligned()).AddColumn("Event")
            .AddColumn(new TableColumn("Task").RightAligned()).AddColumn("Name").AddColumn("Time (UTC)").AddColumn("Data");
        foreach (var e in events)
        {
            var data = e.Failure?.Summary ?? (e.Payload is null ? "" : StateJson.Compact(e.Payload));
            table.AddRow(
                new Text(e.ExecutionId.Length > 8 ? e.ExecutionId[..8] : e.ExecutionId),
                new Text(e.Sequence.ToString(CultureInfo.InvariantCulture)),
                new Text(e.EventType, e.Failure is null ? Style.Plain : new Style(Color.Red)),
                new Text(e.TaskId >= 0 ? e.TaskId.ToString(CultureInfo.InvariantCulture) : ""),
                new Text(e.Name ?? ""),
                new Text(Time(e.Timestamp)),
                new Text(full ? data : Shorten(data, 60)));
        }

        Terminal.Out.Write(table);
    }

    /// <summary>What a run ended with: a headline, then the output or the failure (output JSON unwrapped on stdout).</summary>
    /// <param name="state">The final state.</param>
    /// <param name="restartHint">The command that restarts a failed run.</param>
    /// <param name="summary">The pipeline's own text for a completed run's output, printed instead of the JSON.</param>
    public static void Result(OrchestrationState state, string restartHint, string? summary = null)
    {
        var took = state.CompletedAt is { } completed ? $" in {Duration(completed - state.CreatedAt)}" : "";
        Terminal.Out.Write(new Markup($"{Markup.Escape(state.Name)} [bold]{Markup.Escape(state.InstanceId)}[/]: "));
        Terminal.Out.Write(Status(state.Status));
        Terminal.Out.WriteLine(took);
        switch (state.Status)
        {
            case OrchestrationStatus.Completed:
                Console.Out.WriteLine(summary?.TrimEnd() ?? StateJson.Write(StateJson.Raw(state.Output)));
                break;
            case OrchestrationStatus.Failed:
                Console.Out.WriteLine(state.Failure?.Summary ?? "(no failure recorded)");
                Console.Out.WriteLine($"To retry from the point of failure, keeping every step that succeeded: {restartHint}");
                break;
            case OrchestrationStatus.Terminated:
                Console.Out.WriteLine(TerminationReason(state) is { } reason ? $"Reason: {reason}" : "Terminated by an operator.");
                break;
        }
    }

    /// <summary>The reason given to terminate: the runtime keeps it as the failure message or as the output (a JSON string).</summary>
    public static string? TerminationReason(OrchestrationState state)
    {
        if (state.Failure?.ErrorMessage is { Length: > 0 } message)
        {
            return message;
        }

        return StateJson.Raw(state.Output) is System.Text.Json.Nodes.JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
    }

    public static IRenderable Status(OrchestrationStatus status) => new Text(status.ToString(), new Style(status switch
    {
        OrchestrationStatus.Completed => Color.Green,
        OrchestrationStatus.Failed => Color.Red,
        OrchestrationStatus.Terminated => Color.Yellow,
        OrchestrationStatus.Running => Color.Blue,
        OrchestrationStatus.Suspended => Color.Fuchsia,
        _ => Color.Grey,
    }));

    public static string Progress(OrchestrationState state)
        => ProgressSnapshot.Read(state.CustomStatus)?.ToString() ?? (state.CustomStatus is null ? "" : Shorten(StateJson.Compact(state.CustomStatus), 40));

    public static string Time(DateTime utc) => utc.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) => span.TotalSeconds < 60
        ? span.TotalSeconds.ToString("0.0 's'", CultureInfo.InvariantCulture)
        : span.TotalHours < 1
            ? span.ToString(@"m\m\ ss\s", CultureInfo.InvariantCulture)
            : $"{(int)span.TotalHours}h {span.Minutes:00}m";

    private static string Shorten(string text, int max)
    {
        text = text.ReplaceLineEndings(" ");
        return text.Length <= max ? text : string.Concat(text.AsSpan(0, max - 1), "…");
    }
}

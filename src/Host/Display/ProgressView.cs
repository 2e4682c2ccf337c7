using Nightshift.Durable;
using Spectre.Console;

namespace Nightshift.Host.Display;

/// <summary>
/// Follows an instance until it ends: a live progress bar on a terminal, a line per change of phase or per
/// tenth of progress otherwise. Progress comes from a {phase, done, total} custom status; other instances
/// show their status and the number of history events.
/// </summary>
internal static class ProgressView
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan HistoryInterval = TimeSpan.FromSeconds(1);

    /// <summary>The final state, or null when <paramref name="stopping"/> ended the wait first.</summary>
    /// <param name="client">The client to poll with.</param>
    /// <param name="instanceId">The instance to follow.</param>
    /// <param name="name">The pipeline's name: the live bar's label (the instance id is printed above it; an 80-column bar has no room for both).</param>
    /// <param name="stopping">Ends the wait (Ctrl+C).</param>
    public static Task<OrchestrationState?> FollowAsync(DurableClient client, string instanceId, string name, CancellationToken stopping)
        => Terminal.ErrorIsLive
            ? FollowLiveAsync(client, instanceId, name, stopping)
            : FollowPlainAsync(client, instanceId, $"{name} {instanceId}", stopping);

    private static async Task<OrchestrationState?> FollowLiveAsync(DurableClient client, string instanceId, string title, CancellationToken stopping)
    {
        OrchestrationState? final = null;
        await Terminal.Error.Progress()
            .AutoClear(false)
            .Columns(new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn { Width = 30 }, new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask(Markup.Escape(title), maxValue: 1);
                task.IsIndeterminate = true;
                var poller = new Poller(client, instanceId);
                try
                {
                    while (true)
                    {
                        var (state, line) = await poller.NextAsync(stopping).ConfigureAwait(false);
                        var progress = ProgressSnapshot.Read(state.CustomStatus);
                        if (progress is not null)
                        {
                            task.IsIndeterminate = false;
                            task.MaxValue = Math.Max(1, progress.Total);
                            task.Value = Math.Min(progress.Done, task.MaxValue);
                        }

                        task.Description = Markup.Escape($"{title} · {line}");
                        if (state.Status.IsTerminal())
                        {
                            if (state.Status == OrchestrationStatus.Completed)
                            {
                                task.IsIndeterminate = false;
                                task.Value = task.MaxValue;
                            }

                            task.StopTask();
                            final = state;
                            return;
                        }

                        await Task.Delay(PollInterval, stopping).ConfigureAwait(false);
                    }
                }
                catch (OperationCanceledException) when (stopping.IsCancellationRequested)
                {
                    task.StopTask();
                }
            }).ConfigureAwait(false);
        return final;
    }

    private static async Task<OrchestrationState?> FollowPlainAsync(DurableClient client, string instanceId, string title, CancellationToken stopping)
    {
        var poller = new Poller(client, instanceId);
        string? lastKey = null;
        try
        {
            while (true)
            {
                var (state, line) = await poller.NextAsync(stopping).ConfigureAwait(false);

                // One line per phase and per tenth of the way, so a log of a long run stays short.
                var progress = ProgressSnapshot.Read(state.CustomStatus);
                var key = progress is null ? state.Status.ToString() : $"{state.Status}|{progress.Phase}|{(int)(progress.Fraction * 10)}";
                if (key != lastKey)
                {
                    lastKey = key;
                    Console.Error.WriteLine(progress is null ? $"{title}  {line}" : $"{title}  {line} ({(int)(progress.Fraction * 100)}%)");
                }

                if (state.Status.IsTerminal())
                {
                    return state;
                }

                await Task.Delay(PollInterval, stopping).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException) when (stopping.IsCancellationRequested)
        {
            return null;
        }
    }

    /// <summary>Reads the instance and describes it in one line; history is counted at most once a second.</summary>
    private sealed class Poller(DurableClient client, string instanceId)
    {
        private DateTime historyReadAt = DateTime.MinValue;
        private int historyEvents;

        public async Task<(OrchestrationState State, string Line)> NextAsync(CancellationToken cancellationToken)
        {
            var state = await client.GetAsync(instanceId, cancellationToken).ConfigureAwait(false)
                ?? throw new InstanceNotFoundException(instanceId);
            var progress = ProgressSnapshot.Read(state.CustomStatus);
            if (progress is not null)
            {
                return (state, $"{state.Status} · {progress}");
            }

            if (DateTime.UtcNow - historyReadAt >= HistoryInterval || state.Status.IsTerminal())
            {
                historyEvents = (await client.GetHistoryAsync(instanceId, cancellationToken).ConfigureAwait(false)).Count;
                historyReadAt = DateTime.UtcNow;
            }

            return (state, $"{state.Status} · {historyEvents} history events");
        }
    }
}

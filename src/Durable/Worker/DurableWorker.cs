using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Nightshift.Durable.Engine;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Worker;

/// <summary>
/// Runs episodes and activities from the store. On shutdown it stops taking work, lets running episodes
/// commit and running activities finish while the host's shutdown timeout allows, then cancels the rest and
/// hands their leases back so that another worker picks them up at once. Nothing is lost either way:
/// what was not committed is still in the store.
/// </summary>
internal sealed class DurableWorker : BackgroundService
{
    private readonly IDurableStore store;
    private readonly DurableRegistry registry;
    private readonly IServiceProvider services;
    private readonly WorkSignal signal;
    private readonly TimeProvider time;
    private readonly WorkerOptions options;
    private readonly ILogger logger;
    private readonly EpisodeRunner runner;
    private readonly OrchestrationCache cache;
    private readonly string owner;

    private readonly CancellationTokenSource hardStop = new();
    private readonly ConcurrentDictionary<long, RunningActivity> running = new();
    private readonly ConcurrentDictionary<Task, byte> episodes = new();

    // Instances whose episode is committing, until its executor is back in the cache.
    private readonly ConcurrentDictionary<string, Task> publishing = new(StringComparer.Ordinal);
    private readonly WriteBatcher<ActivityCompletion, int> completions;
    private readonly WriteBatcher<(OrchestrationWorkItem, EpisodeCommit), bool> commits;
    private readonly SemaphoreSlim episodeSlots;
    private readonly SemaphoreSlim activitySlots;
    private int abandoned;

    public DurableWorker(
        IDurableStore store,
        DurableRegistry registry,
        IServiceProvider services,
        WorkSignal signal,
        TimeProvider time,
        IOptions<WorkerOptions> options,
        ILoggerFactory loggerFactory)
    {
        this.store = store;
        this.registry = registry;
        this.services = services;
        this.signal = signal;
        this.time = time;
        this.options = options.Value;
        logger = loggerFactory.CreateLogger<DurableWorker>();
        cache = new OrchestrationCache(this.options.OrchestrationCacheSize);
        runner = new EpisodeRunner(store, registry, services, loggerFactory, cache, this.options.MaxDeliveryCount);
        owner = this.options.WorkerName ?? $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";
        episodeSlots = new SemaphoreSlim(this.options.MaxConcurrentOrchestrations);
        activitySlots = new SemaphoreSlim(this.options.MaxConcurrentActivities);
        completions = new WriteBatcher<ActivityCompletion, int>(CompleteAsync, 500);
        commits = new WriteBatcher<(OrchestrationWorkItem, EpisodeCommit), bool>(
            batch => store.CommitEpisodesAsync(batch, CancellationToken.None), 100);
    }

    private async Task<IReadOnlyList<int>> CompleteAsync(IReadOnlyList<ActivityCompletion> batch)
    {
        await store.CompleteActivitiesAsync(batch, CancellationToken.None).ConfigureAwait(false);
        signal.Notify();
        return new int[batch.Count];
    }

    /// <summary>The name this worker writes into lock columns.</summary>
    public string Owner => owner;

    internal OrchestrationCache Cache => cache;

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // The host's shutdown timeout ends the grace period for running activities.
        await using var registration = cancellationToken.Register(() => hardStop.Cancel());
        await base.StopAsync(cancellationToken).ConfigureAwait(false);

        // base.StopAsync returns as soon as the grace period ends, while the cancelled activities are still
        // handing their leases back; the host disposes the store next, so wait (briefly) for that to finish.
        if (ExecuteTask is { IsCompleted: false } draining)
        {
            await draining.WaitAsync(HandBackTimeout, CancellationToken.None).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public override void Dispose()
    {
        hardStop.Dispose();
        episodeSlots.Dispose();
        activitySlots.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.InitializeAsync(stoppingToken).ConfigureAwait(false);
        Logs.WorkerStarted(logger, owner, store.Description, options.MaxConcurrentOrchestrations, options.MaxConcurrentActivities);

        using var renewStop = new CancellationTokenSource();
        var renewLoop = Task.Run(() => RenewLoopAsync(renewStop.Token), CancellationToken.None);
        var orchestrationLoop = Task.Run(() => OrchestrationLoopAsync(stoppingToken), CancellationToken.None);
        var activityLoop = Task.Run(() => ActivityLoopAsync(stoppingToken), CancellationToken.None);

        await Task.WhenAll(orchestrationLoop, activityLoop).ConfigureAwait(false);

        // Drain: episodes are short and commit; activities run on until done or until the hard stop.
        await Task.WhenAll(episodes.Keys).ConfigureAwait(false);
        while (!running.IsEmpty)
        {
            await Task.WhenAll(running.Values.Select(r => r.Task)).ConfigureAwait(false);
        }

        await commits.CompleteAsync().ConfigureAwait(false);
        await completions.CompleteAsync().ConfigureAwait(false);
        await renewStop.CancelAsync().ConfigureAwait(false);
        await renewLoop.ConfigureAwait(false);
        Logs.WorkerStopped(logger, owner, abandoned);
    }

    // ------------------------------------------------------------------ orchestrations

    private Task OrchestrationLoopAsync(CancellationToken stoppingToken) => ClaimLoopAsync(
        episodeSlots,
        64,
        (free, token) => store.LockNextOrchestrationsAsync(owner, options.OrchestrationLockTimeout, free, token),
        // Locked instances still get their (short) episodes, which commit and release the locks.
        stopping: null,
        item =>
        {
            var episode = Task.Run(() => ProcessEpisodeAsync(item), CancellationToken.None);
            episodes.TryAdd(episode, 0);
            _ = episode.ContinueWith(t =>
            {
                episodes.TryRemove(t, out _);
                episodeSlots.Release();
            }, CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        },
        stoppingToken);

    /// <summary>
    /// The one poll loop of both kinds of work: take a free slot, then as many more as are free (up to
    /// <paramref name="maxPerClaim"/>), claim that many items in one transaction, hand back unused slots, back off
    /// when there is nothing to do, and dispatch each item (which releases its slot when done).
    /// </summary>
    /// <param name="stopping">What to do with items claimed just as the stop was requested; null dispatches them as usual.</param>
    private async Task ClaimLoopAsync<T>(
        SemaphoreSlim slots,
        int maxPerClaim,
        Func<int, CancellationToken, Task<IReadOnlyList<T>>> claim,
        Func<IReadOnlyList<T>, Task>? stopping,
        Action<T> dispatch,
        CancellationToken stoppingToken)
    {
        var idle = MinPoll;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await slots.WaitAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                break;
            }

            var free = 1;
            while (free < maxPerClaim && slots.Wait(0))
            {
                free++;
            }

            IReadOnlyList<T> items;
            try
            {
                // Cancelled only by the hard stop, not by the stop request: a claim that commits just as the stop
                // is requested would otherwise be lost to this worker and held until its lock or lease times out,
                // stalling that work for the next worker.
                items = await claim(free, hardStop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (hardStop.IsCancellationRequested)
            {
                slots.Release(free);
                break;
            }
            catch (Exception ex)
            {
                slots.Release(free);
                Logs.PollError(logger, RetryDelay, ex);
                await DelayQuietly(RetryDelay, stoppingToken).ConfigureAwait(false);
                continue;
            }

            if (free > items.Count)
            {
                slots.Release(free - items.Count);
            }

            if (items.Count == 0)
            {
                await signal.WaitAsync(idle, stoppingToken).ConfigureAwait(false);
                idle = Next(idle);
                continue;
            }

            if (stopping is not null && stoppingToken.IsCancellationRequested)
            {
                await stopping(items).ConfigureAwait(false);
                slots.Release(items.Count);
                break;
            }

            idle = MinPoll;
            foreach (var item in items)
            {
                dispatch(item);
            }
        }
    }

    private async Task ProcessEpisodeAsync(OrchestrationWorkItem item)
    {
        using var trace = DurableTelemetry.Source.StartActivity("episode " + item.Name, ActivityKind.Internal);
        trace?.SetTag("nightshift.instance_id", item.InstanceId);
        trace?.SetTag("nightshift.messages", item.Messages.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            // Whole microseconds: the episode's time is the orchestration's replay-safe clock, read back from
            // history on replay, and PostgreSQL's timestamptz keeps no finer time than that.
            var utc = time.GetUtcNow().UtcDateTime;
            var now = utc.AddTicks(-(utc.Ticks % 10));
            // The previous episode's commit released the lock before its executor went back into the cache;
            // wait for that instead of missing the cache and replaying the whole history.
            if (publishing.TryGetValue(item.InstanceId, out var previous))
            {
                await previous.ConfigureAwait(false);
            }

            var (commit, executor) = await runner.RunAsync(item, now, CancellationToken.None).ConfigureAwait(false);
            var published = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            publishing[item.InstanceId] = published.Task;
            bool committed;
            try
            {
                committed = await commits.SubmitAsync((item, commit)).ConfigureAwait(false);
                if (committed && executor is not null)
                {
                    cache.Put(executor, executor.ExecutionId, item.Episode + 1);
                }
            }
            finally
            {
                publishing.TryRemove(new KeyValuePair<string, Task>(item.InstanceId, published.Task));
                published.SetResult();
            }

            if (!committed)
            {
                throw new LockLostException(item.InstanceId);
            }

            if (commit.NewTasks.Count > 0 || commit.NewMessages.Count > 0 || commit.NewInstances.Count > 0 || commit.Status.IsTerminal())
            {
                signal.Notify();
            }

            DurableTelemetry.Episodes.Add(1);
            DurableTelemetry.EpisodeDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }
        catch (LockLostException)
        {
            Logs.LockLost(logger, item.InstanceId);
        }
        catch (Exception ex)
        {
            trace?.SetStatus(ActivityStatusCode.Error, ex.Message);
            Logs.EpisodeError(logger, item.InstanceId, ex);
            try
            {
                await store.AbandonOrchestrationAsync(item, RetryDelay, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception abandonError)
            {
                // The lock expires by itself; the messages stay in the store.
                Logs.EpisodeError(logger, item.InstanceId, abandonError);
            }
        }
    }

    // ------------------------------------------------------------------ activities

    private Task ActivityLoopAsync(CancellationToken stoppingToken) => ClaimLoopAsync(
        activitySlots,
        256,
        (free, token) => store.LockNextActivitiesAsync(owner, options.ActivityLeaseTimeout, free, token),
        // Tasks claimed while stopping go straight back instead of running into the shutdown grace period.
        stopping: async items =>
        {
            foreach (var item in items)
            {
                await store.AbandonActivityAsync(item, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
            }
        },
        item =>
        {
            var cancel = CancellationTokenSource.CreateLinkedTokenSource(hardStop.Token);
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var task = Task.Run(async () =>
            {
                await start.Task.ConfigureAwait(false);
                await RunActivityAsync(item, cancel.Token).ConfigureAwait(false);
            }, CancellationToken.None);
            running[item.Id] = new RunningActivity(item, cancel, task);
            start.SetResult();
        },
        stoppingToken);

    private async Task RunActivityAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        try
        {
            var result = await ExecuteActivityAsync(item, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                Interlocked.Increment(ref abandoned);
                await store.AbandonActivityAsync(item, TimeSpan.Zero, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            await completions.SubmitAsync(new ActivityCompletion(item.Id, result)).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            // Leave the task to its lease: it becomes visible again and another delivery runs it.
            Logs.CompletionError(logger, options.ActivityLeaseTimeout, ex);
        }
        finally
        {
            if (running.TryRemove(item.Id, out var entry))
            {
                entry.Cancel.Dispose();
            }

            activitySlots.Release();
        }
    }

    private async Task<OrchestrationMessage?> ExecuteActivityAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        using var trace = DurableTelemetry.Source.StartActivity("activity " + item.Name, ActivityKind.Internal);
        trace?.SetTag("nightshift.instance_id", item.InstanceId);
        trace?.SetTag("nightshift.task_id", item.TaskId);
        var started = Stopwatch.GetTimestamp();
        HistoryEvent result;
        if (item.DequeueCount > options.MaxDeliveryCount)
        {
            result = Failed(new FailureDetails(typeof(PoisonMessageException).FullName!,
                $"Activity '{item.Name}' (task {item.TaskId} of instance '{item.InstanceId}') was delivered {item.DequeueCount} times " +
                $"without completing (limit {options.MaxDeliveryCount}); it is failed instead of retried forever."));
        }
        else if (registry.FindActivity(item.Name) is not { } type)
        {
            result = Failed(new FailureDetails(typeof(NightshiftException).FullName!,
                $"No activity named '{item.Name}' is registered with this worker (known: {string.Join(", ", registry.ActivityNames.Order())})."));
        }
        else
        {
            var scope = services.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                try
                {
                    var activity = (IActivity)ActivatorUtilities.GetServiceOrCreateInstance(scope.ServiceProvider, type);
                    var input = DurableJson.Deserialize(item.Input, activity.InputType);
                    var context = new ActivityContext(item.Name, item.InstanceId, item.TaskId, item.DequeueCount, cancellationToken);
                    var output = await activity.RunAsync(context, input).ConfigureAwait(false);
                    result = new HistoryEvent { Type = EventType.TaskCompleted, Payload = DurableJson.Serialize(output) };
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    return null;
                }
                catch (Exception ex)
                {
                    result = Failed(FailureDetails.FromException(ex));
                }
            }
        }

        var outcome = result.Type == EventType.TaskCompleted ? "completed" : "failed";
        if (result.Failure is { } failure)
        {
            Logs.ActivityFailed(logger, item.Name, item.InstanceId, item.TaskId, failure.Summary);
            trace?.SetStatus(ActivityStatusCode.Error, failure.Summary);
        }

        DurableTelemetry.ActivitiesRun.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("name", item.Name));
        DurableTelemetry.ActivityDuration.Record(Stopwatch.GetElapsedTime(started).TotalMilliseconds, new KeyValuePair<string, object?>("name", item.Name));
        var now = time.GetUtcNow().UtcDateTime;
        return new OrchestrationMessage
        {
            InstanceId = item.InstanceId,
            ExecutionId = item.ExecutionId,
            VisibleAt = now,
            Event = result with { TaskId = item.TaskId, Name = item.Name, Timestamp = now },
        };

        static HistoryEvent Failed(FailureDetails failure) => new() { Type = EventType.TaskFailed, Failure = failure };
    }

    private async Task RenewLoopAsync(CancellationToken stop)
    {
        var period = options.ActivityLeaseTimeout / 3;
        while (!stop.IsCancellationRequested)
        {
            await DelayQuietly(period, stop).ConfigureAwait(false);
            var ids = running.Keys.ToList();
            if (ids.Count == 0)
            {
                continue;
            }

            try
            {
                var kept = await store.RenewActivityLeasesAsync(owner, ids, options.ActivityLeaseTimeout, CancellationToken.None).ConfigureAwait(false);
                foreach (var id in ids.Where(id => !kept.Contains(id)))
                {
                    if (running.TryGetValue(id, out var lost) && !lost.Task.IsCompleted)
                    {
                        Logs.LeaseLost(logger, lost.Item.Name, id);

                        // Another worker owns the task now: stop this copy (ActivityContext.CancellationToken
                        // promises as much) rather than let it work on for a result that would be discarded.
                        try
                        {
                            await lost.Cancel.CancelAsync().ConfigureAwait(false);
                        }
                        catch (ObjectDisposedException)
                        {
                            // It finished meanwhile.
                        }
                    }
                }
            }
            catch (Exception ex)
            {
                Logs.LeaseRenewError(logger, ex);
            }
        }
    }

    private static readonly TimeSpan MinPoll = TimeSpan.FromMilliseconds(10);
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan HandBackTimeout = TimeSpan.FromSeconds(5);

    private TimeSpan Next(TimeSpan idle) => TimeSpan.FromTicks(Math.Min(idle.Ticks * 2, options.MaxPollInterval.Ticks));

    private static async Task DelayQuietly(TimeSpan delay, CancellationToken cancellationToken)
    {
        try
        {
            await Task.Delay(delay, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopping.
        }
    }

    private sealed record RunningActivity(ActivityWorkItem Item, CancellationTokenSource Cancel, Task Task);
}

using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Durable;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// The job monitor: one loop per backend, active only while it holds that backend's lease in
/// <c>job_monitors</c>, so among many workers exactly one submits and polls each backend. All its state is the
/// <c>jobs</c> table: a monitor that starts after a crash reloads every unfinished job from there, adopts jobs that
/// reached the scheduler before the crash (by batch name), and goes on polling.
/// </summary>
internal sealed class JobMonitor(
    JobLedger ledger,
    IEnumerable<IJobBackend> backends,
    JobsOptions options,
    DurableClient client,
    JobMonitorSignal signal,
    TimeProvider time,
    ILogger<JobMonitor> logger) : BackgroundService
{
    private readonly string owner = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}"[..^20];

    /// <summary>Cycles run so far, per backend (tests and the benchmark read it).</summary>
    public IReadOnlyDictionary<string, int> Cycles => cycles;

    private readonly Dictionary<string, int> cycles = new(StringComparer.Ordinal);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var active = backends.Where(b => options.Backends.Contains(b.Name, StringComparer.Ordinal)).ToList();
        foreach (var b in active)
        {
            cycles[b.Name] = 0;
        }

        await Task.WhenAll(active.Select(b => RunAsync(b, stoppingToken))).ConfigureAwait(false);
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken).ConfigureAwait(false);
        foreach (var name in options.Backends)
        {
            try
            {
                await ledger.ReleaseLeaseAsync(name, owner, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                Logs.CycleFailed(logger, name, ex);
            }
        }
    }

    private async Task RunAsync(IJobBackend backend, CancellationToken stoppingToken)
    {
        var holding = false;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var now = time.GetUtcNow().UtcDateTime;
                var leased = await ledger.TryLeaseAsync(backend.Name, owner, now, now + options.LeaseDuration, stoppingToken).ConfigureAwait(false);
                if (leased && !holding)
                {
                    Logs.MonitorActive(logger, backend.Name, owner);
                }

                holding = leased;
                if (leased)
                {
                    await CycleAsync(backend, stoppingToken).ConfigureAwait(false);
                    lock (cycles)
                    {
                        cycles[backend.Name]++;
                    }
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Logs.CycleFailed(logger, backend.Name, ex);
            }

            try
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>One pass: cancel jobs of ended orchestrations, adopt crash leftovers, poll, notify, submit.</summary>
    internal async Task CycleAsync(IJobBackend backend, CancellationToken cancellationToken)
    {
        var rows = (await ledger.LoadUnnotifiedAsync(backend.Name, cancellationToken).ConfigureAwait(false)).ToList();
        if (rows.Count == 0)
        {
            return;
        }

        await CancelOrphansAsync(backend, rows, cancellationToken).ConfigureAwait(false);
        await AdoptAsync(backend, rows, cancellationToken).ConfigureAwait(false);
        await PollAsync(backend, rows, cancellationToken).ConfigureAwait(false);
        await NotifyAsync(rows, cancellationToken).ConfigureAwait(false);
        await SubmitAsync(backend, rows, cancellationToken).ConfigureAwait(false);
    }

    private async Task CancelOrphansAsync(IJobBackend backend, List<JobRow> rows, CancellationToken cancellationToken)
    {
        if (!rows.Any(r => !r.State.IsTerminal()))
        {
            return;
        }

        var ended = (await ledger.EndedInstancesAsync(backend.Name, cancellationToken).ConfigureAwait(false)).ToHashSet(StringComparer.Ordinal);
        if (ended.Count == 0)
        {
            return;
        }

        var victims = rows.Where(r => !r.State.IsTerminal() && ended.Contains(r.InstanceId)).ToList();
        Logs.CancellingOrphans(logger, victims.Count, backend.Name);
        await backend.CancelAsync(victims.Where(v => v.SchedulerId is not null).ToList(), cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        var cancelled = victims.Select(v => v with { State = JobState.Cancelled, Reason = "orchestration ended", EndedAt = now }).ToList();
        await ledger.UpdateAsync(cancelled, now, cancellationToken).ConfigureAwait(false);
        // Nobody waits for these any more, so there is no event to raise.
        await ledger.MarkNotifiedAsync(cancelled.Select(c => c.JobKey).ToList(), now, cancellationToken).ConfigureAwait(false);
        rows.RemoveAll(r => ended.Contains(r.InstanceId) && victims.Contains(r));
    }

    private async Task AdoptAsync(IJobBackend backend, List<JobRow> rows, CancellationToken cancellationToken)
    {
        // Submissions run to completion inside one cycle, so a job still marked submitting at the start of a
        // cycle was left by a monitor that died between its two writes: the scheduler may or may not have it.
        var orphans = rows.Where(r => r.State == JobState.Submitting).ToList();
        if (orphans.Count == 0)
        {
            return;
        }

        var found = await backend.FindSubmittedAsync(orphans, cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow().UtcDateTime;
        await ledger.MarkSubmittedAsync(found.Select(f => (f.Key, f.Value)).ToList(), JobState.Queued, now, cancellationToken).ConfigureAwait(false);
        var reset = orphans.Where(o => !found.ContainsKey(o.JobKey)).Select(o => o.JobKey).ToList();
        await ledger.ResetToPendingAsync(reset, now, cancellationToken).ConfigureAwait(false);
        Logs.Adopted(logger, found.Count, backend.Name, reset.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            var r = rows[i];
            if (r.State != JobState.Submitting)
            {
                continue;
            }

            rows[i] = found.TryGetValue(r.JobKey, out var id)
                ? r with { State = JobState.Queued, SchedulerId = id, SubmittedAt = now }
                : r with { State = JobState.Pending, BatchName = null, ArrayIndex = null };
        }
    }

    private async Task PollAsync(IJobBackend backend, List<JobRow> rows, CancellationToken cancellationToken)
    {
        var submitted = rows.Where(r => r.State is JobState.Queued or JobState.Running or JobState.Held && r.SchedulerId is not null).ToList();
        if (submitted.Count == 0)
        {
            return;
        }

        var statuses = await backend.PollAsync(submitted, cancellationToken).ConfigureAwait(false);
        JobsTelemetry.Polls.Add(1, new KeyValuePair<string, object?>("backend", backend.Name));
        var now = time.GetUtcNow().UtcDateTime;
        var changed = new Dictionary<string, JobRow>(StringComparer.Ordinal);
        foreach (var r in submitted)
        {
            if (!statuses.TryGetValue(r.JobKey, out var s))
            {
                if (now - (r.SubmittedAt ?? now) > options.LostAfter)
                {
                    Logs.JobLost(logger, r.JobKey);
                    s = new JobStatus(JobState.Lost) { Reason = "no scheduler query reports the job and it wrote no exit code" };
                }
                else
                {
                    continue;
                }
            }

            if (s.State == r.State && r.StartedAt is not null && s.Reason == r.Reason)
            {
                continue;
            }

            var next = r with
            {
                State = s.State,
                Reason = s.Reason ?? (s.State == JobState.Held ? r.Reason : null),
                StartedAt = r.StartedAt ?? s.StartedAt ?? (s.State is JobState.Running || s.State.IsTerminal() ? now : null),
            };
            if (s.State.IsTerminal())
            {
                next = next with
                {
                    ExitCode = s.ExitCode,
                    Signal = s.Signal,
                    EndedAt = s.EndedAt ?? now,
                    CpuSeconds = s.CpuSeconds,
                    MaxRssBytes = s.MaxRssBytes,
                    StdoutTail = LogTail.Read(r.StdoutPath, options.TailLines),
                    StderrTail = LogTail.Read(r.StderrPath, options.TailLines),
                };
                Logs.JobEnded(logger, r.JobKey, s.State, s.ExitCode);
                JobsTelemetry.Ended.Add(1, new KeyValuePair<string, object?>("backend", backend.Name), new KeyValuePair<string, object?>("state", s.State.ToDb()));
            }

            changed[r.JobKey] = next;
        }

        await ledger.UpdateAsync(changed.Values.ToList(), now, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < rows.Count; i++)
        {
            if (changed.TryGetValue(rows[i].JobKey, out var next))
            {
                rows[i] = next;
            }
        }
    }

    private async Task NotifyAsync(List<JobRow> rows, CancellationToken cancellationToken)
    {
        var done = rows.Where(r => r.State.IsTerminal()).ToList();
        if (done.Count == 0)
        {
            return;
        }

        // The row is written first and the event raised after: a crash in between raises it again on restart,
        // and an orchestration waits for one event per key, so a second copy is never consumed.
        var notified = new List<string>(done.Count);
        foreach (var r in done)
        {
            try
            {
                await client.RaiseEventAsync(r.InstanceId, JobKeys.EventName(r.JobKey), r.ToOutcome(), cancellationToken).ConfigureAwait(false);
            }
            catch (InstanceNotFoundException)
            {
                // Purged: nobody to tell.
            }

            notified.Add(r.JobKey);
        }

        await ledger.MarkNotifiedAsync(notified, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        rows.RemoveAll(r => r.State.IsTerminal());
    }

    private async Task SubmitAsync(IJobBackend backend, List<JobRow> rows, CancellationToken cancellationToken)
    {
        var active = rows.Count(r => r.State is JobState.Queued or JobState.Running or JobState.Held or JobState.Submitting);
        var capacity = options.LimitFor(backend.Name) - active;
        var pending = rows.Where(r => r.State == JobState.Pending).Take(Math.Max(0, capacity)).ToList();
        if (pending.Count == 0)
        {
            return;
        }

        var settled = time.GetUtcNow().UtcDateTime - pending.Max(r => r.CreatedAt) >= options.SubmitGrace;
        var size = Math.Max(1, backend.MaxBatchSize);
        foreach (var group in pending.GroupBy(r => backend.BatchKey(r.Spec), StringComparer.Ordinal))
        {
            foreach (var chunk in group.Chunk(size))
            {
                if (chunk.Length == size || settled)
                {
                    await SubmitBatchAsync(backend, chunk, cancellationToken).ConfigureAwait(false);
                }
            }
        }
    }

    private async Task SubmitBatchAsync(IJobBackend backend, JobRow[] chunk, CancellationToken cancellationToken)
    {
        var name = "ns-" + Guid.NewGuid().ToString("N")[..16];
        var directory = Path.Combine(options.Directory, backend.Name, name);
        var members = chunk.Select((r, i) => new JobBatchMember(
            r, i, JobCommandLine.Words(r.Spec, options),
            Path.Combine(directory, $"{i}.out"), Path.Combine(directory, $"{i}.err"))).ToList();
        var batch = new JobBatch(name, directory, chunk[0].Spec, members);
        var now = time.GetUtcNow().UtcDateTime;
        await ledger.MarkSubmittingAsync(batch, now, cancellationToken).ConfigureAwait(false);
        IReadOnlyList<string> ids;
        try
        {
            ids = await backend.SubmitAsync(batch, cancellationToken).ConfigureAwait(false);
        }
        catch (SchedulerCommandException ex) when (!ex.IsTransient)
        {
            // The scheduler refused the job (bad partition, too much memory): that is the job's outcome.
            Logs.SubmitRefused(logger, name, backend.Name, ex.Message);
            var failed = members.Select(m => m.Row with
            {
                State = JobState.Failed,
                Reason = "submission refused: " + ex.Message,
                StdoutPath = m.StdoutPath,
                StderrPath = m.StderrPath,
                EndedAt = now,
            }).ToList();
            await ledger.UpdateAsync(failed, now, cancellationToken).ConfigureAwait(false);
            return;
        }
        catch (SchedulerCommandException)
        {
            await ledger.ResetToPendingAsync(members.Select(m => m.Row.JobKey).ToList(), now, cancellationToken).ConfigureAwait(false);
            throw;
        }

        if (options.AfterSubmit is { } hook)
        {
            await hook(batch, ids).ConfigureAwait(false);
        }

        await ledger.MarkSubmittedAsync(members.Select((m, i) => (m.Row.JobKey, ids[i])).ToList(), JobState.Queued, time.GetUtcNow().UtcDateTime, cancellationToken).ConfigureAwait(false);
        Logs.Submitted(logger, members.Count, backend.Name, name);
        JobsTelemetry.Submissions.Add(1, new KeyValuePair<string, object?>("backend", backend.Name));
    }
}

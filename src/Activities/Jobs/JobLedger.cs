using System.Data.Common;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

using Nightshift.Activities.Storage;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// The job layer's data access to the <c>jobs</c> and <c>job_monitors</c> tables, in the store's own database and
/// transactions. The SQL is plain INSERT/UPDATE/SELECT with parameters and dialect-encoded times, so it runs on
/// every store that applies the jobs schema script.
/// </summary>
internal sealed class JobLedger : SqlLedger
{
    internal const string Columns =
        "job_key, instance_id, step, attempt, backend, state, spec, batch_name, array_index, scheduler_id, exit_code, signal, reason, " +
        "created_at, submitted_at, started_at, ended_at, cpu_seconds, max_rss_bytes, stdout_path, stderr_path, stdout_tail, stderr_tail";


    /// <summary>The <c>jobs</c> and <c>job_monitors</c> tables and the <c>v_jobs</c> view (schema version 2): scripts embedded from <c>Jobs/Scripts/</c>, per dialect.</summary>
    public static readonly StoreSchema Schema =
        StoreSchema.FromEmbeddedResources("jobs", typeof(JobLedger).Assembly, "Nightshift.Activities.Jobs.Scripts");

    public JobLedger(INightshiftSqlStore store)
        : base(store, Schema)
    {
    }



    public Task InitializeAsync(CancellationToken cancellationToken) => Store.InitializeAsync(cancellationToken);

    /// <summary>
    /// Records an attempt as pending unless its key is already there. A key that is there belongs to a second
    /// delivery of the activity or to a new execution of the same instance (a restart, or a run started again with
    /// the same id): if that job has ended and its event was sent, the event is sent again, so the new waiter gets
    /// the recorded outcome instead of waiting forever. Running the job again takes <c>nightshift jobs delete</c>.
    /// </summary>
    public async Task InsertPendingAsync(string jobKey, string instanceId, string step, int attempt, JobSpec spec, DateTime now, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Store.WriteAsync(async (c, t) =>
        {
            await using var cmd = Command(c, t,
                $"INSERT INTO {Prefix}jobs (hub, job_key, instance_id, step, attempt, backend, state, spec, created_at, updated_at) " +
                $"SELECT @hub, @key, @instance, @step, @attempt, @backend, 'pending', @spec, @now, @now " +
                $"WHERE NOT EXISTS (SELECT 1 FROM {Prefix}jobs WHERE hub = @hub AND job_key = @key)");
            Add(cmd, "@key", jobKey);
            Add(cmd, "@instance", instanceId);
            Add(cmd, "@step", step);
            Add(cmd, "@attempt", attempt);
            Add(cmd, "@backend", spec.Backend);
            Add(cmd, "@spec", DurableJson.Serialize(spec));
            Add(cmd, "@now", Store.TimeValue(now));
            if (await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
            {
                return 1;
            }

            await using var renotify = Command(c, t,
                $"UPDATE {Prefix}jobs SET notified_at = NULL, updated_at = @now WHERE hub = @hub AND job_key = @key " +
                $"AND notified_at IS NOT NULL AND state NOT IN ('pending', 'submitting', 'queued', 'running', 'held')");
            Add(renotify, "@key", jobKey);
            Add(renotify, "@now", Store.TimeValue(now));
            return await renotify.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Deletes the rows of ended jobs and returns them; a job that has not ended is left alone (its scheduler job
    /// would run on with nobody recording it). The caller removes the files.
    /// </summary>
    public async Task<IReadOnlyList<JobRow>> DeleteEndedAsync(IReadOnlyList<string> jobKeys, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.WriteAsync<IReadOnlyList<JobRow>>(async (c, t) =>
        {
            var deleted = new List<JobRow>();
            foreach (var key in jobKeys)
            {
                await using var select = Command(c, t, $"SELECT {Columns} FROM {Prefix}jobs WHERE hub = @hub AND job_key = @key");
                Add(select, "@key", key);
                var rows = await ReadRowsAsync(select, cancellationToken).ConfigureAwait(false);
                if (rows.Count == 0 || !rows[0].State.IsTerminal())
                {
                    continue;
                }

                await using var delete = Command(c, t, $"DELETE FROM {Prefix}jobs WHERE hub = @hub AND job_key = @key");
                Add(delete, "@key", key);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                deleted.Add(rows[0]);
            }

            return deleted;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Every job of the backend whose orchestration has not yet been told its outcome: the monitor's work list.</summary>
    public async Task<IReadOnlyList<JobRow>> LoadUnnotifiedAsync(string backend, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null,
                $"SELECT {Columns} FROM {Prefix}jobs WHERE hub = @hub AND backend = @backend AND notified_at IS NULL ORDER BY created_at, job_key");
            Add(cmd, "@backend", backend);
            return await ReadRowsAsync(cmd, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows for listings, newest first.</summary>
    public async Task<IReadOnlyList<JobRecord>> QueryAsync(JobQuery query, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync<IReadOnlyList<JobRecord>>(async c =>
        {
            var sql = $"SELECT {Columns} FROM {Prefix}jobs WHERE hub = @hub";
            if (query.InstanceId is not null)
            {
                sql += " AND instance_id = @instance";
            }

            if (query.Backend is not null)
            {
                sql += " AND backend = @backend";
            }

            if (query.States is { Count: > 0 } states)
            {
                sql += " AND state IN (" + string.Join(", ", states.Select((_, i) => "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))) + ")";
            }

            await using var cmd = Command(c, null, sql + " ORDER BY created_at DESC, job_key DESC LIMIT @limit");
            Add(cmd, "@limit", query.Limit);
            Add(cmd, "@instance", query.InstanceId);
            Add(cmd, "@backend", query.Backend);
            for (var i = 0; i < (query.States?.Count ?? 0); i++)
            {
                Add(cmd, "@s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture), query.States![i].ToDb());
            }

            var rows = await ReadRowsAsync(cmd, cancellationToken).ConfigureAwait(false);
            return rows.Select(JobRecord.From).ToList();
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Rows by key (any state).</summary>
    public async Task<JobRow?> GetAsync(string jobKey, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, $"SELECT {Columns} FROM {Prefix}jobs WHERE hub = @hub AND job_key = @key");
            Add(cmd, "@key", jobKey);
            var rows = await ReadRowsAsync(cmd, cancellationToken).ConfigureAwait(false);
            return rows.Count == 0 ? null : rows[0];
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Instances among those with unfinished jobs of the backend that have ended or are gone: their jobs are
    /// cancelled, because nobody waits for them any more.
    /// </summary>
    public Task<IReadOnlyList<string>> EndedInstancesAsync(string backend, CancellationToken cancellationToken)
        => Store.ReadAsync<IReadOnlyList<string>>(async c =>
        {
            await using var cmd = Command(c, null,
                $"SELECT DISTINCT j.instance_id FROM {Prefix}jobs j LEFT JOIN {Prefix}instances i ON i.hub = j.hub AND i.instance_id = j.instance_id " +
                $"WHERE j.hub = @hub AND j.backend = @backend AND j.notified_at IS NULL " +
                $"AND j.state IN ('pending', 'submitting', 'queued', 'running', 'held') " +
                $"AND (i.instance_id IS NULL OR i.status IN ('Completed', 'Failed', 'Terminated'))");
            Add(cmd, "@backend", backend);
            var ids = new List<string>();
            await using var reader = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                ids.Add(reader.GetString(0));
            }

            return ids;
        }, cancellationToken);

    /// <summary>Marks the batch's members as being submitted under its name, before the scheduler sees them.</summary>
    public Task MarkSubmittingAsync(JobBatch batch, DateTime now, CancellationToken cancellationToken)
        => Store.WriteAsync(async (c, t) =>
        {
            foreach (var m in batch.Members)
            {
                await using var cmd = Command(c, t,
                    $"UPDATE {Prefix}jobs SET state = 'submitting', batch_name = @batch, array_index = @index, stdout_path = @out, stderr_path = @err, updated_at = @now " +
                    $"WHERE hub = @hub AND job_key = @key");
                Add(cmd, "@batch", batch.Name);
                Add(cmd, "@index", m.Index);
                Add(cmd, "@out", m.StdoutPath);
                Add(cmd, "@err", m.StderrPath);
                Add(cmd, "@now", Store.TimeValue(now));
                Add(cmd, "@key", m.Row.JobKey);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);

    /// <summary>Records the scheduler ids of submitted jobs; they are queued from now on.</summary>
    public Task MarkSubmittedAsync(IReadOnlyList<(string JobKey, string SchedulerId)> submitted, JobState state, DateTime now, CancellationToken cancellationToken)
        => Store.WriteAsync(async (c, t) =>
        {
            foreach (var (key, id) in submitted)
            {
                await using var cmd = Command(c, t,
                    $"UPDATE {Prefix}jobs SET state = @state, scheduler_id = @id, submitted_at = @now, updated_at = @now WHERE hub = @hub AND job_key = @key");
                Add(cmd, "@state", state.ToDb());
                Add(cmd, "@id", id);
                Add(cmd, "@now", Store.TimeValue(now));
                Add(cmd, "@key", key);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);

    /// <summary>Puts jobs whose submission never reached the scheduler back to pending.</summary>
    public Task ResetToPendingAsync(IReadOnlyList<string> jobKeys, DateTime now, CancellationToken cancellationToken)
        => Store.WriteAsync(async (c, t) =>
        {
            foreach (var key in jobKeys)
            {
                await using var cmd = Command(c, t,
                    $"UPDATE {Prefix}jobs SET state = 'pending', batch_name = NULL, array_index = NULL, updated_at = @now WHERE hub = @hub AND job_key = @key");
                Add(cmd, "@now", Store.TimeValue(now));
                Add(cmd, "@key", key);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);

    /// <summary>Writes new states, exit codes, times and tails.</summary>
    public Task UpdateAsync(IReadOnlyList<JobRow> rows, DateTime now, CancellationToken cancellationToken)
        => rows.Count == 0 ? Task.CompletedTask : Store.WriteAsync(async (c, t) =>
        {
            foreach (var r in rows)
            {
                await using var cmd = Command(c, t,
                    $"UPDATE {Prefix}jobs SET state = @state, scheduler_id = @id, exit_code = @exit, signal = @signal, reason = @reason, " +
                    $"started_at = @started, ended_at = @ended, cpu_seconds = @cpu, max_rss_bytes = @rss, " +
                    $"stdout_tail = @outtail, stderr_tail = @errtail, updated_at = @now WHERE hub = @hub AND job_key = @key");
                Add(cmd, "@state", r.State.ToDb());
                Add(cmd, "@id", r.SchedulerId);
                Add(cmd, "@exit", r.ExitCode);
                Add(cmd, "@signal", r.Signal);
                Add(cmd, "@reason", r.Reason);
                Add(cmd, "@started", r.StartedAt is { } s ? Store.TimeValue(s) : null);
                Add(cmd, "@ended", r.EndedAt is { } e ? Store.TimeValue(e) : null);
                Add(cmd, "@cpu", r.CpuSeconds);
                Add(cmd, "@rss", r.MaxRssBytes);
                Add(cmd, "@outtail", r.StdoutTail);
                Add(cmd, "@errtail", r.StderrTail);
                Add(cmd, "@now", Store.TimeValue(now));
                Add(cmd, "@key", r.JobKey);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);

    /// <summary>Notes that the waiting orchestration got its event; the monitor stops looking at the row.</summary>
    public Task MarkNotifiedAsync(IReadOnlyList<string> jobKeys, DateTime now, CancellationToken cancellationToken)
        => jobKeys.Count == 0 ? Task.CompletedTask : Store.WriteAsync(async (c, t) =>
        {
            foreach (var key in jobKeys)
            {
                await using var cmd = Command(c, t, $"UPDATE {Prefix}jobs SET notified_at = @now WHERE hub = @hub AND job_key = @key");
                Add(cmd, "@now", Store.TimeValue(now));
                Add(cmd, "@key", key);
                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        }, cancellationToken);

    /// <summary>
    /// Takes or renews the monitor lease of a backend; false while another owner's lease is unexpired. The
    /// insert of a first lease can lose a race on another database; that is a refusal too.
    /// </summary>
    public async Task<bool> TryLeaseAsync(string backend, string owner, DateTime now, DateTime until, CancellationToken cancellationToken)
    {
        await InitializeAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await Store.WriteAsync(async (c, t) =>
            {
                await using (var update = Command(c, t,
                    $"UPDATE {Prefix}job_monitors SET owner = @owner, lease_until = @until WHERE hub = @hub AND backend = @backend AND (owner = @owner OR lease_until < @now)"))
                {
                    Add(update, "@owner", owner);
                    Add(update, "@until", Store.TimeValue(until));
                    Add(update, "@backend", backend);
                    Add(update, "@now", Store.TimeValue(now));
                    if (await update.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0)
                    {
                        return true;
                    }
                }

                await using var insert = Command(c, t,
                    $"INSERT INTO {Prefix}job_monitors (hub, backend, owner, lease_until) SELECT @hub, @backend, @owner, @until " +
                    $"WHERE NOT EXISTS (SELECT 1 FROM {Prefix}job_monitors WHERE hub = @hub AND backend = @backend)");
                Add(insert, "@owner", owner);
                Add(insert, "@until", Store.TimeValue(until));
                Add(insert, "@backend", backend);
                return await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) > 0;
            }, cancellationToken).ConfigureAwait(false);
        }
        catch (DbException)
        {
            return false;
        }
    }

    /// <summary>Gives the lease up on shutdown so another worker's monitor takes over at once.</summary>
    public Task ReleaseLeaseAsync(string backend, string owner, CancellationToken cancellationToken)
        => Store.WriteAsync(async (c, t) =>
        {
            await using var cmd = Command(c, t, $"DELETE FROM {Prefix}job_monitors WHERE hub = @hub AND backend = @backend AND owner = @owner");
            Add(cmd, "@backend", backend);
            Add(cmd, "@owner", owner);
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken);



    internal async Task<List<JobRow>> ReadRowsAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var rows = new List<JobRow>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new JobRow
            {
                JobKey = r.GetString(0),
                InstanceId = r.GetString(1),
                Step = r.GetString(2),
                Attempt = Convert.ToInt32(r.GetValue(3), System.Globalization.CultureInfo.InvariantCulture),
                Backend = r.GetString(4),
                State = JobStates.Parse(r.GetString(5)),
                Spec = DurableJson.Deserialize<JobSpec>(r.GetString(6))!,
                BatchName = r.IsDBNull(7) ? null : r.GetString(7),
                ArrayIndex = r.IsDBNull(8) ? null : Convert.ToInt32(r.GetValue(8), System.Globalization.CultureInfo.InvariantCulture),
                SchedulerId = r.IsDBNull(9) ? null : r.GetString(9),
                ExitCode = r.IsDBNull(10) ? null : Convert.ToInt32(r.GetValue(10), System.Globalization.CultureInfo.InvariantCulture),
                Signal = r.IsDBNull(11) ? null : Convert.ToInt32(r.GetValue(11), System.Globalization.CultureInfo.InvariantCulture),
                Reason = r.IsDBNull(12) ? null : r.GetString(12),
                CreatedAt = Store.ReadTime(r, 13),
                SubmittedAt = r.IsDBNull(14) ? null : Store.ReadTime(r, 14),
                StartedAt = r.IsDBNull(15) ? null : Store.ReadTime(r, 15),
                EndedAt = r.IsDBNull(16) ? null : Store.ReadTime(r, 16),
                CpuSeconds = r.IsDBNull(17) ? null : Convert.ToDouble(r.GetValue(17), System.Globalization.CultureInfo.InvariantCulture),
                MaxRssBytes = r.IsDBNull(18) ? null : Convert.ToInt64(r.GetValue(18), System.Globalization.CultureInfo.InvariantCulture),
                StdoutPath = r.IsDBNull(19) ? null : r.GetString(19),
                StderrPath = r.IsDBNull(20) ? null : r.GetString(20),
                StdoutTail = r.IsDBNull(21) ? null : r.GetString(21),
                StderrTail = r.IsDBNull(22) ? null : r.GetString(22),
            });
        }

        return rows;
    }
}

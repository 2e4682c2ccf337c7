using System.Data.Common;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

using Nightshift.Activities.Jobs;
using Nightshift.Activities.Storage;

namespace Nightshift.Activities.Production;

/// <summary>
/// Data access to <c>productions</c>, <c>production_nights</c>, <c>production_targets</c> and
/// <c>production_outputs</c> (schema script 004), in the store's own database and transactions, as the job ledger does.
/// </summary>
internal sealed class ProductionLedger : SqlLedger
{
    private const string KeyWhere = "hub = @hub AND name = @name AND code_version = @code AND output_version = @outver";

    /// <summary>The production tables and their views (schema version 4): scripts embedded from <c>Production/Scripts/</c>, per dialect.</summary>
    public static readonly StoreSchema Schema =
        StoreSchema.FromEmbeddedResources("productions", typeof(ProductionLedger).Assembly, "Nightshift.Activities.Production.Scripts");

    public ProductionLedger(INightshiftSqlStore store)
        : base(store, Schema)
    {
        // The output check reads the jobs of the production's chains (CompletedJobsAsync).
        store.AddSchema(JobLedger.Schema);
    }


    public async Task BeginAsync(ProductionKey key, string instanceId, string mode, string raw, string output, DateTime now, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Store.WriteAsync(async (c, t) =>
        {
            await using var cmd = Command(c, t, key,
                $"INSERT INTO {Prefix}productions (hub, name, code_version, output_version, instance_id, mode, raw_dir, output_dir, status, started_at, updated_at) " +
                "VALUES (@hub, @name, @code, @outver, @instance, @mode, @raw, @output, 'running', @now, @now) " +
                "ON CONFLICT (hub, name, code_version, output_version) DO UPDATE SET instance_id = @instance, mode = @mode, raw_dir = @raw, " +
                "output_dir = @output, status = 'running', started_at = @now, ended_at = NULL, updated_at = @now");
            Add(cmd, "@instance", instanceId);
            Add(cmd, "@mode", mode);
            Add(cmd, "@raw", raw);
            Add(cmd, "@output", output);
            Add(cmd, "@now", Store.TimeValue(now));
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Nights whose night plans this production has done.</summary>
    public async Task<IReadOnlyList<string>> DoneNightsAsync(ProductionKey key, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync<IReadOnlyList<string>>(async c =>
        {
            await using var cmd = Command(c, null, key, $"SELECT night FROM {Prefix}production_nights WHERE {KeyWhere} AND status = 'done' ORDER BY night");
            var nights = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                nights.Add(r.GetString(0));
            }

            return nights;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Writes a night's or target's row and replaces its registered outputs, in one transaction.</summary>
    public async Task RecordAsync(UnitRecord record, bool? photometric, double? rms, IReadOnlyList<(string Path, string Plan, string JobKey, long Bytes)> files, DateTime now, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var night = record.Kind == UnitRecord.Night;
        await Store.WriteAsync(async (c, t) =>
        {
            await using (var cmd = Command(c, t, record.Key, night
                ? $"INSERT INTO {Prefix}production_nights (hub, name, code_version, output_version, night, status, photometric, extinction_rms, failed_plan, error, instance_id, updated_at) " +
                  "VALUES (@hub, @name, @code, @outver, @unit, @status, @photometric, @rms, @failed, @error, @instance, @now) " +
                  "ON CONFLICT (hub, name, code_version, output_version, night) DO UPDATE SET status = @status, photometric = @photometric, " +
                  "extinction_rms = @rms, failed_plan = @failed, error = @error, instance_id = @instance, updated_at = @now"
                : $"INSERT INTO {Prefix}production_targets (hub, name, code_version, output_version, target, status, nights, failed_plan, error, instance_id, updated_at) " +
                  "VALUES (@hub, @name, @code, @outver, @unit, @status, @nights, @failed, @error, @instance, @now) " +
                  "ON CONFLICT (hub, name, code_version, output_version, target) DO UPDATE SET status = @status, nights = @nights, " +
                  "failed_plan = @failed, error = @error, instance_id = @instance, updated_at = @now"))
            {
                Add(cmd, "@unit", record.Unit);
                Add(cmd, "@status", record.Status);
                Add(cmd, "@failed", record.FailedPlan);
                Add(cmd, "@error", record.Error);
                Add(cmd, "@instance", record.InstanceId ?? "");
                Add(cmd, "@now", Store.TimeValue(now));
                if (night)
                {
                    Add(cmd, "@photometric", photometric is null ? null : photometric.Value ? 1 : 0);
                    Add(cmd, "@rms", rms);
                }
                else
                {
                    Add(cmd, "@nights", string.Join(',', record.Nights));
                }

                await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            // A chain run again (after 'jobs delete', or a full reprocessing) replaces what it registered before.
            await using (var delete = Command(c, t, record.Key, $"DELETE FROM {Prefix}production_outputs WHERE {KeyWhere} AND unit_kind = @kind AND unit = @unit"))
            {
                Add(delete, "@kind", record.Kind);
                Add(delete, "@unit", record.Unit);
                await delete.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            foreach (var file in files)
            {
                await using var insert = Command(c, t, record.Key,
                    $"INSERT INTO {Prefix}production_outputs (hub, name, code_version, output_version, path, unit_kind, unit, plan, job_key, bytes, registered_at) " +
                    "VALUES (@hub, @name, @code, @outver, @path, @kind, @unit, @plan, @job, @bytes, @now) " +
                    "ON CONFLICT (hub, name, code_version, output_version, path) DO UPDATE SET unit_kind = @kind, unit = @unit, plan = @plan, job_key = @job, bytes = @bytes, registered_at = @now");
                Add(insert, "@path", file.Path);
                Add(insert, "@kind", record.Kind);
                Add(insert, "@unit", record.Unit);
                Add(insert, "@plan", file.Plan);
                Add(insert, "@job", file.JobKey);
                Add(insert, "@bytes", file.Bytes);
                Add(insert, "@now", Store.TimeValue(now));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return files.Count;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task EndAsync(ProductionEnd end, DateTime now, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Store.WriteAsync(async (c, t) =>
        {
            await using var cmd = Command(c, t, end.Key,
                $"UPDATE {Prefix}productions SET status = @status, ended_at = @now, updated_at = @now, " +
                $"nights_done = (SELECT COUNT(*) FROM {Prefix}production_nights WHERE {KeyWhere} AND status = 'done'), " +
                $"nights_failed = (SELECT COUNT(*) FROM {Prefix}production_nights WHERE {KeyWhere} AND status = 'failed'), " +
                $"targets_done = (SELECT COUNT(*) FROM {Prefix}production_targets WHERE {KeyWhere} AND status = 'done'), " +
                $"targets_failed = (SELECT COUNT(*) FROM {Prefix}production_targets WHERE {KeyWhere} AND status = 'failed'), " +
                $"targets_blocked = (SELECT COUNT(*) FROM {Prefix}production_targets WHERE {KeyWhere} AND status = 'blocked') " +
                $"WHERE {KeyWhere}");
            Add(cmd, "@status", end.Status);
            Add(cmd, "@now", Store.TimeValue(now));
            return await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The registered productions named <paramref name="name"/>, latest first.</summary>
    public async Task<IReadOnlyList<(ProductionKey Key, string Status, string OutputDir, string InstanceId)>> FindAsync(string name, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync<IReadOnlyList<(ProductionKey, string, string, string)>>(async c =>
        {
            await using var cmd = Store.CreateCommand(c, null,
                $"SELECT name, code_version, output_version, status, output_dir, instance_id FROM {Prefix}productions WHERE hub = @hub AND name = @name ORDER BY updated_at DESC");
            Add(cmd, "@hub", Store.Hub);
            Add(cmd, "@name", name);
            var rows = new List<(ProductionKey, string, string, string)>();
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((new ProductionKey(r.GetString(0), r.GetString(1), Convert.ToInt32(r.GetValue(2), System.Globalization.CultureInfo.InvariantCulture)), r.GetString(3), r.GetString(4), r.GetString(5)));
            }

            return rows;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The completed jobs of the production's chains (the latest chain of every night and target), with their
    /// step, key and spec JSON: what they declared as outputs is what the production should have registered.
    /// </summary>
    public async Task<IReadOnlyList<(string Unit, string Step, string JobKey, string Spec)>> CompletedJobsAsync(ProductionKey key, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync<IReadOnlyList<(string, string, string, string)>>(async c =>
        {
            await using var cmd = Command(c, null, key,
                $"SELECT u.unit, j.step, j.job_key, j.spec FROM {Prefix}jobs j JOIN (" +
                $"SELECT night AS unit, instance_id FROM {Prefix}production_nights WHERE {KeyWhere} UNION ALL " +
                $"SELECT target AS unit, instance_id FROM {Prefix}production_targets WHERE {KeyWhere}) u ON j.instance_id = u.instance_id " +
                "WHERE j.hub = @hub AND j.state = 'completed' ORDER BY j.job_key");
            var rows = new List<(string, string, string, string)>();
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add((r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3)));
            }

            return rows;
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Registered output paths of the production.</summary>
    public async Task<IReadOnlyList<string>> RegisteredAsync(ProductionKey key, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync<IReadOnlyList<string>>(async c =>
        {
            await using var cmd = Command(c, null, key, $"SELECT path FROM {Prefix}production_outputs WHERE {KeyWhere} ORDER BY path");
            var rows = new List<string>();
            await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                rows.Add(r.GetString(0));
            }

            return rows;
        }, cancellationToken).ConfigureAwait(false);
    }

    private DbCommand Command(DbConnection connection, DbTransaction? transaction, ProductionKey key, string sql)
    {
        var cmd = Command(connection, transaction, sql);
        Add(cmd, "@name", key.Name);
        Add(cmd, "@code", key.CodeVersion);
        Add(cmd, "@outver", key.OutputVersion);
        return cmd;
    }
}

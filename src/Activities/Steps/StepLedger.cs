using System.Data.Common;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

using Nightshift.Activities.Storage;

namespace Nightshift.Activities.Steps;

/// <summary>
/// Data access to the <c>steps</c> table in the store's own database and transactions (like the job ledger), so a
/// pipeline's step records live next to its instances and survive them.
/// </summary>
internal sealed class StepLedger : SqlLedger
{
    private const string Columns =
        "scope, step_key, status, input_hash, code_version, instance_id, result, products, undo, error, started_at, completed_at";


    /// <summary>The <c>steps</c> table and the <c>v_steps</c> view (schema version 3): scripts embedded from <c>Steps/Scripts/</c>, per dialect.</summary>
    public static readonly StoreSchema Schema =
        StoreSchema.FromEmbeddedResources("steps", typeof(StepLedger).Assembly, "Nightshift.Activities.Steps.Scripts");

    public StepLedger(INightshiftSqlStore store)
        : base(store, Schema)
    {
    }


    /// <summary>
    /// In one transaction: a completed row with the same input hash and code version is returned for reuse; a completed
    /// row with another input is returned as stale and left alone (its undo must run first); otherwise the step is
    /// recorded as running for <paramref name="request"/>'s instance.
    /// </summary>
    public async Task<StepBeginResult> BeginAsync(StepBeginRequest request, DateTime now, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.WriteAsync(async (c, t) =>
        {
            StepRecord? existing;
            await using (var select = Command(c, t, $"SELECT {Columns} FROM {Prefix}steps WHERE hub = @hub AND scope = @scope AND step_key = @key"))
            {
                Add(select, "@scope", request.Scope);
                Add(select, "@key", request.Key);
                var rows = await ReadAsync(select, cancellationToken).ConfigureAwait(false);
                existing = rows.Count == 0 ? null : rows[0];
            }

            if (existing is { Status: StepStatus.Completed })
            {
                return existing.InputHash == request.InputHash && existing.CodeVersion == request.CodeVersion
                    ? new StepBeginResult(existing, null)
                    : new StepBeginResult(null, existing);
            }

            await using var upsert = Command(c, t,
                $"INSERT INTO {Prefix}steps (hub, scope, step_key, status, input_hash, code_version, instance_id, started_at, updated_at) " +
                "VALUES (@hub, @scope, @key, @status, @hash, @version, @instance, @now, @now) " +
                "ON CONFLICT (hub, scope, step_key) DO UPDATE SET status = excluded.status, input_hash = excluded.input_hash, " +
                "code_version = excluded.code_version, instance_id = excluded.instance_id, result = NULL, products = NULL, undo = NULL, " +
                "error = NULL, started_at = excluded.started_at, completed_at = NULL, updated_at = excluded.updated_at");
            Add(upsert, "@scope", request.Scope);
            Add(upsert, "@key", request.Key);
            Add(upsert, "@status", StepStatus.Running);
            Add(upsert, "@hash", request.InputHash);
            Add(upsert, "@version", request.CodeVersion);
            Add(upsert, "@instance", request.InstanceId);
            Add(upsert, "@now", Store.TimeValue(now));
            await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return new StepBeginResult(null, null);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Records the end of a step, completed or failed (<paramref name="status"/>).</summary>
    public async Task EndAsync(StepCompletion completion, string status, DateTime now, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        await Store.WriteAsync(async (c, t) =>
        {
            await using var upsert = Command(c, t,
                $"INSERT INTO {Prefix}steps (hub, scope, step_key, status, input_hash, code_version, instance_id, result, products, undo, error, started_at, completed_at, updated_at) " +
                "VALUES (@hub, @scope, @key, @status, @hash, @version, @instance, @result, @products, @undo, @error, @now, @now, @now) " +
                "ON CONFLICT (hub, scope, step_key) DO UPDATE SET status = excluded.status, input_hash = excluded.input_hash, " +
                "code_version = excluded.code_version, instance_id = excluded.instance_id, result = excluded.result, products = excluded.products, " +
                "undo = excluded.undo, error = excluded.error, completed_at = excluded.completed_at, updated_at = excluded.updated_at");
            Add(upsert, "@scope", completion.Scope);
            Add(upsert, "@key", completion.Key);
            Add(upsert, "@status", status);
            Add(upsert, "@hash", completion.InputHash);
            Add(upsert, "@version", completion.CodeVersion);
            Add(upsert, "@instance", completion.InstanceId);
            Add(upsert, "@result", completion.Result);
            Add(upsert, "@products", DurableJson.Serialize(completion.Products));
            Add(upsert, "@undo", DurableJson.Serialize(completion.Undo));
            Add(upsert, "@error", completion.Error);
            Add(upsert, "@now", Store.TimeValue(now));
            return await upsert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The steps of a scope whose keys match the selectors (all when there are none), most recently completed first:
    /// the order in which undos must run (a later subtraction is added back before an earlier one).
    /// </summary>
    public async Task<IReadOnlyList<StepRecord>> SelectAsync(StepSelection selection, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        var rows = await Store.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null, $"SELECT {Columns} FROM {Prefix}steps WHERE hub = @hub AND scope = @scope");
            Add(cmd, "@scope", selection.Scope);
            return await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
        return [.. rows
            .Where(r => selection.Selectors.Count == 0 || StepSelector.MatchesAny(r.Key, selection.Selectors))
            .OrderByDescending(r => r.CompletedAt ?? DateTime.MaxValue)
            .ThenByDescending(r => r.Key, StringComparer.Ordinal)];
    }

    /// <summary>Every step of every scope (or of one), ordered by scope and start.</summary>
    public async Task<IReadOnlyList<StepRecord>> ListAsync(string? scope, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.ReadAsync(async c =>
        {
            await using var cmd = Command(c, null,
                $"SELECT {Columns} FROM {Prefix}steps WHERE hub = @hub" + (scope is null ? "" : " AND scope = @scope") + " ORDER BY scope, started_at, step_key");
            Add(cmd, "@scope", scope);
            return await ReadAsync(cmd, cancellationToken).ConfigureAwait(false);
        }, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Deletes the rows of <paramref name="keys"/> in <paramref name="scope"/>; returns how many went.</summary>
    public async Task<int> DeleteAsync(string scope, IReadOnlyList<string> keys, CancellationToken cancellationToken)
    {
        await Store.InitializeAsync(cancellationToken).ConfigureAwait(false);
        return await Store.WriteAsync(async (c, t) =>
        {
            var deleted = 0;
            foreach (var key in keys)
            {
                await using var cmd = Command(c, t, $"DELETE FROM {Prefix}steps WHERE hub = @hub AND scope = @scope AND step_key = @key");
                Add(cmd, "@scope", scope);
                Add(cmd, "@key", key);
                deleted += await cmd.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            return deleted;
        }, cancellationToken).ConfigureAwait(false);
    }



    private async Task<List<StepRecord>> ReadAsync(DbCommand cmd, CancellationToken cancellationToken)
    {
        var rows = new List<StepRecord>();
        await using var r = await cmd.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(new StepRecord
            {
                Scope = r.GetString(0),
                Key = r.GetString(1),
                Status = r.GetString(2),
                InputHash = r.GetString(3),
                CodeVersion = r.IsDBNull(4) ? null : r.GetString(4),
                InstanceId = r.GetString(5),
                Result = r.IsDBNull(6) ? null : r.GetString(6),
                Products = r.IsDBNull(7) ? [] : DurableJson.Deserialize<List<string>>(r.GetString(7)) ?? [],
                Undo = r.IsDBNull(8) ? null : DurableJson.Deserialize<StepUndo>(r.GetString(8)),
                Error = r.IsDBNull(9) ? null : r.GetString(9),
                StartedAt = Store.ReadTime(r, 10),
                CompletedAt = r.IsDBNull(11) ? null : Store.ReadTime(r, 11),
            });
        }

        return rows;
    }
}

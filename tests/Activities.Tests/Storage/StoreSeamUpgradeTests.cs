using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Lap;
using Nightshift.Activities.Production;
using Nightshift.Activities.Steps;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable;
using Nightshift.Durable.Sqlite;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Tests.Storage;

/// <summary>The add-ons' schemas on the store seam, over a SQLite file made by an older version.</summary>
[TestClass]
public sealed class StoreSeamUpgradeTests
{
    private const string OldTime = "2020-01-01 00:00:00.0000000";

    [TestMethod]
    public async Task A_store_with_versions_1_to_4_recorded_gets_only_the_LAP_script_and_keeps_its_rows()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nightshift.db");
        await MakeOldStoreAsync(path);

        await using (var provider = Provider(path))
        {
            var store = provider.GetRequiredService<INightshiftSqlStore>();
            Assert.AreEqual(SqlStoreKind.Sqlite, store.Kind);
            Assert.AreEqual("", store.TablePrefix);
            foreach (var schema in new[] { JobLedger.Schema, StepLedger.Schema, ProductionLedger.Schema, LapLedger.Schema })
            {
                store.AddSchema(schema);
            }

            await store.InitializeAsync(CancellationToken.None);
        }

        var rows = await RowsAsync(path, "SELECT version, description, applied_at FROM schema_version ORDER BY version");
        CollectionAssert.AreEqual(new object[] { 1L, 2L, 3L, 4L, 5L }, rows.Select(r => r[0]).ToList());
        CollectionAssert.AreEqual(new object[] { "initial", "jobs", "steps", "productions", "lap" }, rows.Select(r => r[1]).ToList());
        Assert.IsTrue(rows.Take(4).All(r => (string)r[2]! == OldTime), "versions 1-4 were not applied again");
        Assert.AreNotEqual(OldTime, rows[4][2]);
        Assert.AreEqual(1L, await ScalarAsync(path, "SELECT COUNT(*) FROM jobs WHERE job_key = 'old/job/1'"), "the old job row is kept");
        Assert.AreEqual(1L, await ScalarAsync(path, "SELECT COUNT(*) FROM lap_runs WHERE lap_id = 'old-run'"), "the LAP rows the old ledger wrote into the store file are kept");
        Assert.AreEqual(0L, await ScalarAsync(path, "SELECT exposures FROM v_lap_runs WHERE lap_id = 'old-run'"));
        Assert.AreEqual(0L, await ScalarAsync(path, "SELECT COUNT(*) FROM v_lap_exposures"));
    }

    [TestMethod]
    public async Task The_ledgers_register_their_schemas_so_a_store_opened_without_them_gets_the_tables_on_first_use()
    {
        using var dir = new TempDirectory();
        var path = Path.Combine(dir.Path, "nightshift.db");
        await using var provider = Provider(path);
        var store = provider.GetRequiredService<INightshiftSqlStore>();
        await store.InitializeAsync(CancellationToken.None);
        Assert.AreEqual(1L, await ScalarAsync(path, "SELECT COUNT(*) FROM schema_version"));

        var steps = new StepLedger(store);
        Assert.IsEmpty(await steps.ListAsync(null, CancellationToken.None));

        Assert.AreEqual(3L, await ScalarAsync(path, "SELECT MAX(version) FROM schema_version"));
        Assert.AreEqual(1L, await ScalarAsync(path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'view' AND name = 'v_steps'"));
    }

    private static ServiceProvider Provider(string path)
    {
        var services = new ServiceCollection();
        services.AddNightshift().UseSqlite(path);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// A store file as the releases before the seam left it: versions 1-4 recorded (then all in the store's own assembly),
    /// a job, and the LAP tables that the old LAP ledger created on its own in the store file, without a version.
    /// </summary>
    private static async Task MakeOldStoreAsync(string path)
    {
        await using (var provider = Provider(path))
        {
            var store = provider.GetRequiredService<INightshiftSqlStore>();
            store.AddSchema(JobLedger.Schema);
            store.AddSchema(StepLedger.Schema);
            store.AddSchema(ProductionLedger.Schema);
            await store.InitializeAsync(CancellationToken.None);
        }

        await ExecuteAsync(path, $"UPDATE schema_version SET applied_at = '{OldTime}'");
        await ExecuteAsync(path,
            "INSERT INTO jobs (hub, job_key, instance_id, step, attempt, backend, state, spec, created_at, updated_at) " +
            $"VALUES ('default', 'old/job/1', 'old', 'job', 1, 'local', 'completed', '{{}}', '{OldTime}', '{OldTime}')");
        await ExecuteAsync(path,
            "CREATE TABLE lap_runs (lap_id TEXT PRIMARY KEY, seq_id TEXT NOT NULL, projection_cell TEXT NOT NULL, filter TEXT NOT NULL, label TEXT, " +
            "state TEXT NOT NULL, fault INTEGER NOT NULL DEFAULT 0, registered TEXT NOT NULL, updated TEXT NOT NULL); " +
            "INSERT INTO lap_runs VALUES ('old-run', 'seq1', 'cell0', 'r', NULL, 'done', 0, '2020-01-01 00:00:00.000', '2020-01-01 00:00:00.000')");
        Assert.AreEqual(4L, await ScalarAsync(path, "SELECT MAX(version) FROM schema_version"));
    }

    private static async Task ExecuteAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync();
    }

    private static async Task<object?> ScalarAsync(string path, string sql) => (await RowsAsync(path, sql)) is [var row, ..] ? row[0] : null;

    private static async Task<List<object?[]>> RowsAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        await using var reader = await cmd.ExecuteReaderAsync();
        var rows = new List<object?[]>();
        while (await reader.ReadAsync())
        {
            var row = new object?[reader.FieldCount];
            for (var i = 0; i < row.Length; i++)
            {
                row[i] = reader.IsDBNull(i) ? null : reader.GetValue(i);
            }

            rows.Add(row);
        }

        return rows;
    }
}

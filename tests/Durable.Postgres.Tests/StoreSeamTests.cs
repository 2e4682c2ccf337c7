using Microsoft.Extensions.DependencyInjection;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Lap;
using Nightshift.Activities.Production;
using Nightshift.Activities.Steps;
using Nightshift.Durable.Postgres;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Postgres.Tests;

/// <summary>The add-ons' schemas on the store seam of a PostgreSQL store, including one made by an older version.</summary>
[TestClass]
public sealed class StoreSeamTests
{
    [TestMethod]
    public async Task A_schema_with_versions_1_to_4_recorded_gets_only_the_LAP_script_and_keeps_its_rows()
    {
        using var store = new TestStore();
        await using (var provider = Provider(store))
        {
            var seam = provider.GetRequiredService<INightshiftSqlStore>();
            seam.AddSchema(JobLedger.Schema);
            seam.AddSchema(StepLedger.Schema);
            seam.AddSchema(ProductionLedger.Schema);
            await seam.InitializeAsync(CancellationToken.None);
        }

        // As the releases before the seam left it: versions 1-4 (then all in the store's assembly), applied long ago, with a job.
        await Sql.ScalarAsync(store.Path, "UPDATE schema_version SET applied_at = '2020-01-01T00:00:00Z'");
        await Sql.ScalarAsync(store.Path,
            "INSERT INTO jobs (hub, job_key, instance_id, step, attempt, backend, state, spec, created_at, updated_at) " +
            "VALUES ('default', 'old/job/1', 'old', 'job', 1, 'local', 'completed', '{}', now(), now())");
        Assert.AreEqual(4L, await Sql.CountAsync(store.Path, "SELECT MAX(version) FROM schema_version"));

        await using (var provider = Provider(store))
        {
            var seam = provider.GetRequiredService<INightshiftSqlStore>();
            Assert.AreEqual(SqlStoreKind.PostgreSql, seam.Kind);
            Assert.AreEqual(store.Schema + ".", seam.TablePrefix);
            foreach (var schema in new[] { JobLedger.Schema, StepLedger.Schema, ProductionLedger.Schema, LapLedger.Schema })
            {
                seam.AddSchema(schema);
            }

            await seam.InitializeAsync(CancellationToken.None);
        }

        var rows = await Sql.RowsAsync(store.Path, "SELECT version, description, applied_at < '2021-01-01' AS old FROM schema_version ORDER BY version");
        CollectionAssert.AreEqual(new[] { 1, 2, 3, 4, 5 }, rows.Select(r => (int)r["version"]!).ToList());
        Assert.AreEqual("lap", rows[4]["description"]);
        CollectionAssert.AreEqual(new[] { true, true, true, true, false }, rows.Select(r => (bool)r["old"]!).ToList(), "only version 5 was applied now");
        Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM jobs WHERE job_key = 'old/job/1'"));
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM v_lap_runs"));
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM v_lap_exposures"));
    }

    private static ServiceProvider Provider(TestStore store)
    {
        var services = new ServiceCollection();
        services.AddNightshift().UsePostgres(PostgresServer.ConnectionString, store.Schema);
        return services.BuildServiceProvider();
    }
}

using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Activities.Production;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests;

/// <summary>The production tables (schema script 004) and their SQL on a PostgreSQL store.</summary>
[TestClass]
public sealed class ProductionLedgerTests
{
    [TestMethod]
    public async Task Productions_nights_targets_and_outputs_are_registered_and_checked_on_PostgreSQL()
    {
        using var store = new TestStore();
        using var dir = new TempDirectory();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        TestStore.Use(builder.Services.AddNightshift(), store.Path).AddProductionActivities();
        using var host = builder.Build();
        var ledger = host.Services.GetRequiredService<ProductionLedger>();
        var main = new ProductionKey("main", "SNF-02-03", 0);
        var test = new ProductionKey("main", "SNF-02-03", 7);
        var now = new DateTime(2026, 12, 2, 10, 0, 0, DateTimeKind.Utc);
        var quality = Path.Combine(dir.Path, "quality.json");
        var cube = Path.Combine(dir.Path, "cubes", "e1.fits");
        Directory.CreateDirectory(Path.GetDirectoryName(cube)!);
        await File.WriteAllTextAsync(quality, "[]");
        await File.WriteAllTextAsync(cube, "cube");

        await ledger.BeginAsync(main, "run-1", "full", "/raw", dir.Path, now, default);
        await ledger.BeginAsync(test, "run-t", "incremental", "/raw", dir.Path, now, default);
        var night = new UnitRecord(main, true, dir.Path, UnitRecord.Night, "20240101", "done", ["20240101"], null, null, "run-1:night:20240101",
            [new PlanOutputs("file_quality", "run-1:night:20240101/file_quality/1", [quality]), new PlanOutputs("cube_generation", "run-1:night:20240101/cube_generation/1", [Path.GetDirectoryName(cube)!])]);
        await ledger.RecordAsync(night, true, 0.008, [(quality, "file_quality", "k1", 2L), (cube, "cube_generation", "k2", 4L)], now, default);

        // Recorded again (a rerun): the row is updated and the outputs replaced, not duplicated.
        await ledger.RecordAsync(night, true, 0.009, [(quality, "file_quality", "k1", 2L), (cube, "cube_generation", "k2", 4L)], now.AddMinutes(1), default);
        await ledger.RecordAsync(night with { Key = test, Status = "failed", FailedPlan = "file_quality" }, null, null, [], now, default);
        await ledger.RecordAsync(new UnitRecord(main, true, dir.Path, UnitRecord.Target, "SN0001", "blocked", ["20240101", "20240105"], null, "nights not done: 20240105", null, []), null, null, [], now, default);
        await ledger.EndAsync(new ProductionEnd(main, true, "completed", 1, 0, 0, 0, 1), now.AddMinutes(2), default);

        CollectionAssert.AreEqual(new[] { "20240101" }, (await ledger.DoneNightsAsync(main, default)).ToArray());
        Assert.AreEqual(0, (await ledger.DoneNightsAsync(test, default)).Count, "the test production's rows are its own");
        var row = (await Sql.RowsAsync(store.Path, "SELECT status, nights_done, targets_blocked FROM v_productions WHERE output_version = 0")).Single();
        Assert.AreEqual(("completed", 1, 1), ((string)row["status"]!, (int)row["nights_done"]!, (int)row["targets_blocked"]!));
        Assert.AreEqual(2L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM production_outputs"));
        Assert.AreEqual(0.009, (double)(await Sql.ScalarAsync(store.Path, "SELECT extinction_rms FROM v_production_nights WHERE output_version = 0"))!, 1e-12);

        // The check compares what completed jobs declared with what was registered and what is on disk.
        await Sql.ScalarAsync(store.Path,
            "INSERT INTO jobs (hub, job_key, instance_id, step, attempt, backend, state, spec, created_at, updated_at) VALUES " +
            "('default', 'run-1:night:20240101/file_quality/1', 'run-1:night:20240101', 'file_quality', 1, 'local', 'completed', @spec1, now(), now()), " +
            "('default', 'run-1:night:20240101/extract_star/1', 'run-1:night:20240101', 'extract_star', 1, 'local', 'completed', @spec2, now(), now())",
            ("spec1", DurableJson.Serialize(new Activities.Jobs.JobSpec { Name = "file_quality", Kernel = "snf.file_quality", Outputs = [quality] })),
            ("spec2", DurableJson.Serialize(new Activities.Jobs.JobSpec { Name = "extract_star", Kernel = "snf.extract_star", Outputs = [Path.Combine(dir.Path, "stars")] })));
        File.Delete(cube);
        var check = await host.Services.GetRequiredService<ProductionQueries>().CheckAsync("main", outputVersion: 0);
        Assert.AreEqual((2, 2, 2), (check.Jobs, check.Expected, check.Registered));
        CollectionAssert.AreEqual(new[] { $"run-1:night:20240101/extract_star/1 {Path.Combine(dir.Path, "stars")}" }, check.NotRegistered.ToArray());
        CollectionAssert.AreEqual(new[] { cube }, check.MissingOnDisk.ToArray());
        await Assert.ThrowsExactlyAsync<NightshiftException>(() => host.Services.GetRequiredService<ProductionQueries>().CheckAsync("main"));
    }
}

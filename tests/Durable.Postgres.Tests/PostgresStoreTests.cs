using System.Collections.Concurrent;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Lap;
using Nightshift.Activities.Production;
using Nightshift.Activities.Steps;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Storage.Sql;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Postgres.Tests;

/// <summary>What the PostgreSQL store adds to the shared SQL: its schema, migration, views and concurrent claiming.</summary>
[TestClass]
public sealed class PostgresStoreTests
{
    /// <summary>The add-ons' schemas, which the launcher's stores register through the seam (versions 2-5).</summary>
    private static readonly StoreSchema[] AddOns = [JobLedger.Schema, StepLedger.Schema, ProductionLedger.Schema, LapLedger.Schema];

    private static readonly List<int> AllVersions = [.. PostgresDialect.Scripts().Select(s => s.Version).Concat(AddOns.SelectMany(a => a.Versions)).Order()];

    private static SqlDurableStore Open(TestStore store, string hub = "default")
    {
        var durable = new SqlDurableStore(new PostgresDialect(PostgresServer.ConnectionString, store.Schema), hub);
        foreach (var schema in AddOns)
        {
            durable.AddSchema(schema);
        }

        return durable;
    }

    [TestMethod]
    public async Task Schema_is_versioned_and_migrating_twice_changes_nothing()
    {
        using var store = new TestStore();
        await using (var first = Open(store))
        {
            await first.InitializeAsync(CancellationToken.None);
        }

        var appliedAt = await Sql.ScalarAsync(store.Path, "SELECT applied_at FROM schema_version WHERE version = 1");
        await using (var second = Open(store))
        {
            await second.InitializeAsync(CancellationToken.None);
        }

        var rows = await Sql.RowsAsync(store.Path, "SELECT version, description FROM schema_version ORDER BY version");
        CollectionAssert.AreEqual(AllVersions, rows.Select(r => (int)r["version"]!).ToList());
        Assert.AreEqual("initial", rows[0]["description"]);
        Assert.AreEqual("jobs", rows[1]["description"]);
        Assert.AreEqual(appliedAt, await Sql.ScalarAsync(store.Path, "SELECT applied_at FROM schema_version WHERE version = 1"), "version 1 was not re-applied");
        foreach (var table in new[] { "instances", "history", "new_events", "new_tasks", "schema_version", "jobs", "job_monitors", "steps", "productions", "lap_runs", "lap_exposures", "lap_chips" })
        {
            Assert.AreEqual(1L, await Sql.CountAsync(store.Path,
                "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = @schema AND table_name = @name AND table_type = 'BASE TABLE'",
                ("@schema", store.Schema), ("@name", table)), table);
        }

        foreach (var view in new[] { "v_instances", "v_history", "v_jobs", "v_steps", "v_productions", "v_lap_runs", "v_lap_exposures" })
        {
            Assert.AreEqual(1L, await Sql.CountAsync(store.Path,
                "SELECT COUNT(*) FROM information_schema.views WHERE table_schema = @schema AND table_name = @name", ("@schema", store.Schema), ("@name", view)), view);
        }
    }

    /// <summary>A database made by an older version (only script 1) is brought up to date, keeping its rows.</summary>
    [TestMethod]
    public async Task Schema_of_an_older_version_is_upgraded_in_place_keeping_its_data()
    {
        using var store = new TestStore();
        await Sql.ScalarAsync(PostgresServer.ConnectionString, $"CREATE SCHEMA {store.Schema}");
        await Sql.ScalarAsync(store.Path, PostgresDialect.Scripts().First().Sql +
            "; CREATE TABLE schema_version (version integer PRIMARY KEY, description text NOT NULL, applied_at timestamptz NOT NULL)" +
            "; INSERT INTO schema_version VALUES (1, 'initial', now())");
        await Sql.ScalarAsync(store.Path,
            "INSERT INTO instances (hub, instance_id, execution_id, name, status, created_at, updated_at) VALUES ('default', 'old-run', 'e1', 'Old', 'Completed', now(), now())");

        await using (var durable = Open(store))
        {
            await durable.InitializeAsync(CancellationToken.None);
            Assert.AreEqual(OrchestrationStatus.Completed, (await durable.GetInstanceAsync("old-run", CancellationToken.None))!.Status);
        }

        Assert.AreEqual((long)AllVersions.Max(), await Sql.CountAsync(store.Path, "SELECT MAX(version) FROM schema_version"));
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM jobs"), "the jobs table exists");
    }

    [TestMethod]
    public async Task Workers_starting_together_on_a_new_schema_migrate_it_once()
    {
        for (var round = 0; round < 3; round++)
        {
            using var store = new TestStore();
            var stores = Enumerable.Range(0, 8).Select(_ => Open(store)).ToList();
            try
            {
                await Task.WhenAll(stores.Select(s => Task.Run(() => s.InitializeAsync(CancellationToken.None))));
            }
            finally
            {
                foreach (var s in stores)
                {
                    await s.DisposeAsync();
                }
            }

            Assert.AreEqual((long)AllVersions.Count, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM schema_version"), $"round {round}");
            Assert.AreEqual(await Sql.CountAsync(store.Path, "SELECT COUNT(DISTINCT version) FROM schema_version"),
                await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM schema_version"), $"round {round}");
        }
    }

    [TestMethod]
    public void Schema_name_that_would_need_quoting_is_refused_up_front()
    {
        var builder = new Microsoft.Extensions.DependencyInjection.ServiceCollection().AddNightshift();
        var error = Assert.ThrowsExactly<ArgumentException>(() => builder.UsePostgres(PostgresServer.ConnectionString, "Night-Shift; DROP"));
        StringAssert.Contains(error.Message, "Night-Shift; DROP");
    }

    [TestMethod]
    public async Task Views_show_payloads_as_json_and_times_as_utc_timestamps()
    {
        using var store = new TestStore();
        // The add-ons' tables too (jobs, steps, productions, LAP), as the launcher's host registers them.
        await using var host = await TestHost.StartAsync(store.Path, b =>
        {
            foreach (var schema in AddOns)
            {
                b.AddStoreSchema(schema);
            }

            b.AddOrchestrator<Echo>("Echo").AddOrchestrator<Fails>("Fails");
        });
        var ok = await host.RunAsync("Echo", new { target = "3C196", facets = 4 }, "obs-ok");
        var failed = await host.RunAsync("Fails", null, "obs-failed");
        Assert.AreEqual(OrchestrationStatus.Completed, ok.Status);
        Assert.AreEqual(OrchestrationStatus.Failed, failed.Status);

        var row = (await Sql.RowsAsync(store.Path,
            "SELECT input, output, pg_typeof(input)::text AS input_type, created_at, pg_typeof(created_at)::text AS time_type FROM v_instances WHERE instance_id = 'obs-ok'")).Single();
        Assert.AreEqual("json", row["input_type"]);
        Assert.AreEqual("timestamp without time zone", row["time_type"], "UTC wall time, shown the same whatever the session's time zone");
        Assert.AreEqual("{\"target\":\"3C196\",\"facets\":4}", row["input"]);
        var createdAt = (DateTime)row["created_at"]!;
        Assert.IsLessThan(1.0, Math.Abs((createdAt - ok.CreatedAt).TotalMilliseconds), $"{createdAt:O} vs {ok.CreatedAt:O}");
        Assert.AreEqual("3C196", await Sql.ScalarAsync(store.Path, "SELECT input ->> 'target' FROM v_instances WHERE instance_id = 'obs-ok'"), "payloads can be queried as JSON");

        StringAssert.StartsWith((string)(await Sql.ScalarAsync(store.Path, "SELECT failure FROM v_instances WHERE instance_id = 'obs-failed'"))!, "System.InvalidOperationException: bad calibration");
        Assert.AreEqual(await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM history WHERE instance_id = 'obs-ok'"),
            await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM v_history WHERE instance_id = 'obs-ok'"));
        StringAssert.StartsWith((string)(await Sql.ScalarAsync(store.Path,
            "SELECT failure FROM v_history WHERE instance_id = 'obs-failed' AND event_type = 'ExecutionFailed'"))!, "System.InvalidOperationException: bad calibration");
    }

    /// <summary>The operators' example queries (infra/sql/postgres) run against a store with finished and failed runs.</summary>
    [TestMethod]
    public async Task Example_queries_for_operators_run_against_a_real_store()
    {
        using var store = new TestStore();
        // The add-ons' tables too (jobs, steps, productions, LAP), as the launcher's host registers them.
        await using var host = await TestHost.StartAsync(store.Path, b =>
        {
            foreach (var schema in AddOns)
            {
                b.AddStoreSchema(schema);
            }

            b.AddOrchestrator<Echo>("Echo").AddOrchestrator<Fails>("Fails");
        });
        await host.RunAsync("Echo", "x", "q-ok");
        await host.RunAsync("Fails", null, "q-failed");

        var files = Directory.GetFiles(RepoPaths.Combine("infra", "sql", "postgres"), "*.sql").Order(StringComparer.Ordinal).ToList();
        Assert.IsGreaterThanOrEqualTo(5, files.Count);
        foreach (var file in files)
        {
            // psql variables become parameters; the test schema is on the search path instead of nightshift.
            var sql = (await File.ReadAllTextAsync(file))
                .Replace("SET search_path TO nightshift;", "", StringComparison.Ordinal)
                .Replace(":'hub'", "@hub", StringComparison.Ordinal)
                .Replace(":'id'", "@id", StringComparison.Ordinal);
            var rows = await Sql.RowsAsync(store.Path, sql, ("@hub", "default"), ("@id", "q-failed"));
            if (file.EndsWith("failed-instances.sql", StringComparison.Ordinal))
            {
                Assert.AreEqual("q-failed", rows.Single()["instance_id"], file);
            }
            else if (file.EndsWith("instances-by-status.sql", StringComparison.Ordinal))
            {
                Assert.HasCount(2, rows, file);
            }
            else if (file.EndsWith("history-of-instance.sql", StringComparison.Ordinal))
            {
                // DurableTask.Core closes every episode with OrchestratorCompleted; the ending is the event before it.
                Assert.AreEqual("ExecutionFailed", rows.Last(r => (string?)r["event_type"] != "OrchestratorCompleted")["event_type"], file);
            }
        }
    }

    [TestMethod]
    public async Task Workers_claiming_at_once_never_get_the_same_instance_or_task()
    {
        using var store = new TestStore();
        var workers = Enumerable.Range(0, 6).Select(_ => Open(store)).ToList();
        try
        {
            var now = DateTime.UtcNow;
            var ids = Enumerable.Range(0, 300).Select(i => $"claim-{i:D3}").ToList();
            await workers[0].CreateInstancesAsync([.. ids.Select(id => (StoreRows.Instance(id, now), InstanceIdReusePolicy.Throw))], CancellationToken.None);

            var locked = new ConcurrentBag<(int Worker, OrchestrationWorkItem Item)>();
            await Task.WhenAll(workers.Select((w, n) => Task.Run(async () =>
            {
                while (await w.LockNextOrchestrationsAsync($"w{n}", TimeSpan.FromMinutes(1), 7, CancellationToken.None) is { Count: > 0 } items)
                {
                    foreach (var item in items)
                    {
                        locked.Add((n, item));
                    }
                }
            })));
            CollectionAssert.AreEquivalent(ids, locked.Select(l => l.Item.InstanceId).ToList(), "every instance locked exactly once");

            // Each owner commits its episodes, which schedule five tasks apiece.
            var committed = await Task.WhenAll(locked.GroupBy(l => l.Worker).Select(g =>
                workers[g.Key].CommitEpisodesAsync([.. g.Select(l => (l.Item, StoreRows.FirstEpisode(l.Item, now, tasks: 5)))], CancellationToken.None)));
            Assert.IsTrue(committed.SelectMany(c => c).All(c => c));
            Assert.AreEqual(1500L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_tasks"));

            var leased = new ConcurrentBag<long>();
            await Task.WhenAll(workers.Select((w, n) => Task.Run(async () =>
            {
                while (await w.LockNextActivitiesAsync($"w{n}", TimeSpan.FromMinutes(1), 25, CancellationToken.None) is { Count: > 0 } items)
                {
                    foreach (var item in items)
                    {
                        leased.Add(item.Id);
                    }
                }
            })));
            Assert.HasCount(1500, leased);
            Assert.HasCount(1500, leased.Distinct(), "no task leased twice");
        }
        finally
        {
            foreach (var w in workers)
            {
                await w.DisposeAsync();
            }
        }
    }

    /// <summary>
    /// A lock that expires lets a second worker take the instance while the first is still working on it. Whatever
    /// the interleaving, exactly one of them commits the episode; the other's commit writes nothing. Any double
    /// write would show as a duplicate history key (every commit writes sequences 0..n).
    /// </summary>
    [TestMethod]
    public async Task Worker_whose_lock_expired_and_a_worker_taking_over_never_both_commit_an_episode()
    {
        using var store = new TestStore();
        await using var slow = Open(store);
        await using var fast = Open(store);
        var now = DateTime.UtcNow;
        var ids = Enumerable.Range(0, 200).Select(i => $"race-{i:D3}").ToList();
        await slow.CreateInstancesAsync([.. ids.Select(id => (StoreRows.Instance(id, now), InstanceIdReusePolicy.Throw))], CancellationToken.None);

        var slowItems = new List<OrchestrationWorkItem>();
        while (await slow.LockNextOrchestrationsAsync("slow", TimeSpan.FromMinutes(1), 64, CancellationToken.None) is { Count: > 0 } items)
        {
            slowItems.AddRange(items);
        }

        Assert.HasCount(200, slowItems);
        // The slow worker takes too long: its locks expire.
        await Sql.ScalarAsync(store.Path, "UPDATE instances SET locked_until = now() - interval '1 second'");

        // The slow worker commits each episode on its own while the fast one locks and commits the same instances.
        var slowWins = new ConcurrentDictionary<string, bool>();
        var fastWins = new ConcurrentDictionary<string, bool>();
        var slowTask = Task.WhenAll(slowItems.Select(item => Task.Run(async () =>
            slowWins[item.InstanceId] = (await slow.CommitEpisodesAsync([(item, StoreRows.FirstEpisode(item, now))], CancellationToken.None))[0])));
        var fastTask = Task.Run(async () =>
        {
            while (await fast.LockNextOrchestrationsAsync("fast", TimeSpan.FromMinutes(1), 16, CancellationToken.None) is { Count: > 0 } items)
            {
                var results = await fast.CommitEpisodesAsync([.. items.Select(i => (i, StoreRows.FirstEpisode(i, now)))], CancellationToken.None);
                for (var i = 0; i < items.Count; i++)
                {
                    fastWins[items[i].InstanceId] = results[i];
                }
            }
        });
        await Task.WhenAll(slowTask, fastTask);

        foreach (var id in ids)
        {
            var wins = (slowWins.GetValueOrDefault(id) ? 1 : 0) + (fastWins.GetValueOrDefault(id) ? 1 : 0);
            Assert.AreEqual(1, wins, $"{id}: slow {slowWins.GetValueOrDefault(id)}, fast {fastWins.GetValueOrDefault(id)}");
        }

        Assert.AreEqual(200L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM instances WHERE episode = 1 AND locked_by IS NULL"));
        Assert.AreEqual(200L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_tasks"), "one task per instance, from the one commit");
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM new_events"));
        Console.WriteLine($"slow worker won {slowWins.Count(w => w.Value)}, the worker taking over won {fastWins.Count(w => w.Value)}");
    }

    public sealed class Echo : Microsoft.DurableTask.TaskOrchestrator<object, object>
    {
        public override Task<object> RunAsync(Microsoft.DurableTask.TaskOrchestrationContext context, object input) => Task.FromResult(input);
    }

    public sealed class Fails : Microsoft.DurableTask.TaskOrchestrator<object?, string>
    {
        public override Task<string> RunAsync(Microsoft.DurableTask.TaskOrchestrationContext context, object? input) => throw new InvalidOperationException("bad calibration");
    }
}

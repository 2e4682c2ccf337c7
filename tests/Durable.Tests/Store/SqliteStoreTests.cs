using System.Globalization;
using System.Text.Json;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Sqlite;
using Nightshift.Durable.Storage.Sql;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Store;

[TestClass]
public sealed class SqliteStoreTests
{
    private const string IsoUtc = @"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$";

    private static SqlDurableStore Open(string path) => new(new SqliteDialect(path), "default");

    [TestMethod]
    public async Task Store_file_is_in_WAL_mode()
    {
        using var store = new TestStore();
        await using (var durable = Open(store.Path))
        {
            await durable.InitializeAsync(CancellationToken.None);
        }

        // journal_mode=wal is persistent: any later connection, e.g. an operator's sqlite3, sees it.
        Assert.AreEqual("wal", await Sql.ScalarAsync(store.Path, "PRAGMA journal_mode"));
    }

    [TestMethod]
    public async Task Schema_is_versioned_and_migrating_twice_changes_nothing()
    {
        using var store = new TestStore();
        var embedded = SqliteDialect.Scripts().Select(s => (long)s.Version).ToList();
        Assert.AreEqual(1L, embedded[0]);

        await using (var durable = Open(store.Path))
        {
            await durable.InitializeAsync(CancellationToken.None);
            await durable.InitializeAsync(CancellationToken.None);
        }

        var appliedAt = await Sql.ScalarAsync(store.Path, "SELECT applied_at FROM schema_version WHERE version = 1");
        await using (var again = Open(store.Path))
        {
            await again.InitializeAsync(CancellationToken.None);
        }

        var rows = await Sql.RowsAsync(store.Path, "SELECT version, description FROM schema_version ORDER BY version");
        CollectionAssert.AreEqual(embedded, rows.Select(r => (long)r["version"]!).ToList(), "one row per script, each applied once");
        Assert.AreEqual("initial", rows[0]["description"]);
        Assert.AreEqual(appliedAt, await Sql.ScalarAsync(store.Path, "SELECT applied_at FROM schema_version WHERE version = 1"), "version 1 was not re-applied");
        foreach (var table in new[] { "instances", "history", "new_events", "new_tasks" })
        {
            Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = @name", ("@name", table)), table);
        }
    }

    /// <summary>An add-on's tables, as the store seam takes them: two versions, each script idempotent.</summary>
    private static readonly StoreSchema AddOn = new("test-addon",
        [new SchemaScript(901, "alpha", "CREATE TABLE IF NOT EXISTS alpha (id INTEGER PRIMARY KEY)"),
         new SchemaScript(902, "beta", "CREATE TABLE IF NOT EXISTS beta (id INTEGER PRIMARY KEY)")],
        [new SchemaScript(901, "alpha", "CREATE TABLE IF NOT EXISTS alpha (id integer PRIMARY KEY)"),
         new SchemaScript(902, "beta", "CREATE TABLE IF NOT EXISTS beta (id integer PRIMARY KEY)")]);

    [TestMethod]
    public async Task A_script_missing_below_the_highest_applied_version_is_applied_on_the_next_open()
    {
        // Scripts written side by side land out of number order: a store may hold a higher version than one it lacks.
        using var store = new TestStore();
        await using (var durable = Open(store.Path))
        {
            durable.AddSchema(AddOn);
            await durable.InitializeAsync(CancellationToken.None);
        }

        await Sql.ScalarAsync(store.Path, "DROP TABLE alpha");
        await Sql.ScalarAsync(store.Path, "DELETE FROM schema_version WHERE version = 901");
        Assert.AreEqual(902L, await Sql.CountAsync(store.Path, "SELECT MAX(version) FROM schema_version"));

        await using (var reopened = Open(store.Path))
        {
            reopened.AddSchema(AddOn);
            await reopened.InitializeAsync(CancellationToken.None);
        }

        Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM schema_version WHERE version = 901"));
        Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'alpha'"));
    }

    [TestMethod]
    public async Task An_add_on_schema_registered_after_the_first_migration_is_applied_by_the_next_initialize()
    {
        using var store = new TestStore();
        await using var durable = Open(store.Path);
        await durable.InitializeAsync(CancellationToken.None);
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM schema_version WHERE version > 1"), "the store alone has only its own tables");

        durable.AddSchema(AddOn);
        durable.AddSchema(AddOn); // by name: a second registration changes nothing
        await durable.InitializeAsync(CancellationToken.None);

        var rows = await Sql.RowsAsync(store.Path, "SELECT version, description FROM schema_version ORDER BY version");
        CollectionAssert.AreEqual(new[] { 1L, 901L, 902L }, rows.Select(r => (long)r["version"]!).ToList());
        Assert.AreEqual("beta", rows[2]["description"]);
    }

    [TestMethod]
    public async Task An_add_on_that_claims_a_version_already_owned_is_refused_and_nothing_is_applied()
    {
        using var store = new TestStore();
        await using var durable = Open(store.Path);
        durable.AddSchema(AddOn);
        var rival = new StoreSchema("rival", [new SchemaScript(902, "gamma", "CREATE TABLE gamma (id INTEGER)")], [new SchemaScript(902, "gamma", "CREATE TABLE gamma (id integer)")]);
        var error = Assert.ThrowsExactly<NightshiftException>(() => durable.AddSchema(rival));
        StringAssert.Contains(error.Message, "'rival' uses version 902, which 'test-addon' already uses");

        var core = new StoreSchema("core-clash", [new SchemaScript(1, "again", "CREATE TABLE gamma (id INTEGER)")], [new SchemaScript(1, "again", "CREATE TABLE gamma (id integer)")]);
        await using var other = Open(store.Path);
        other.AddSchema(core);
        var clash = await Assert.ThrowsExactlyAsync<NightshiftException>(() => other.InitializeAsync(CancellationToken.None));
        StringAssert.Contains(clash.Message, "the store itself");
        Assert.AreEqual(0L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'gamma'"));
    }

    [TestMethod]
    public async Task Stores_initializing_one_new_file_at_the_same_time_migrate_it_once()
    {
        for (var round = 0; round < 5; round++)
        {
            using var store = new TestStore();
            var stores = Enumerable.Range(0, 4).Select(_ => Open(store.Path)).ToList();
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

            Assert.AreEqual(1L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM schema_version WHERE version = 1"), $"round {round}");
            Assert.AreEqual(
                await Sql.CountAsync(store.Path, "SELECT COUNT(DISTINCT version) FROM schema_version"),
                await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM schema_version"));
        }
    }

    public sealed record Target(string Name, double Ra, double Dec, List<string> Bands);

    public sealed class Observe : Microsoft.DurableTask.TaskOrchestrator<Target, Dictionary<string, int>>
    {
        public override async Task<Dictionary<string, int>> RunAsync(Microsoft.DurableTask.TaskOrchestrationContext context, Target input)
        {
            context.SetCustomStatus(new { stage = "observing", bands = input.Bands.Count });
            var counts = new Dictionary<string, int>();
            foreach (var band in input.Bands)
            {
                var hello = await context.CallActivityAsync<string>("SayHello", band);
                counts[band] = hello.Length;
            }

            return input.Name == "broken" ? throw new InvalidOperationException("no photons") : counts;
        }
    }

    [TestMethod]
    public async Task Views_show_payloads_as_json_text_and_times_as_iso_utc()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestrator<Observe>("Observe").AddTaskActivity<SayHello>("SayHello"));
        var target = new Target("M31", 10.6847, 41.2687, ["g", "r"]);
        var ok = await host.RunAsync("Observe", target, "obs-ok");
        var failed = await host.RunAsync("Observe", target with { Name = "broken" }, "obs-failed");
        Assert.AreEqual(OrchestrationStatus.Completed, ok.Status, ok.Failure?.ToString());
        Assert.AreEqual(OrchestrationStatus.Failed, failed.Status);

        var instance = (await Sql.RowsAsync(store.Path,
            "SELECT input, typeof(input) AS input_type, output, custom_status, status, created_at, updated_at, completed_at, failure FROM v_instances WHERE instance_id = 'obs-ok'")).Single();
        Assert.AreEqual("text", instance["input_type"]);
        using (var input = JsonDocument.Parse((string)instance["input"]!))
        {
            Assert.AreEqual("M31", input.RootElement.GetProperty("name").GetString());
            Assert.AreEqual(2, input.RootElement.GetProperty("bands").GetArrayLength());
        }

        using (var output = JsonDocument.Parse((string)instance["output"]!))
        {
            Assert.AreEqual(9, output.RootElement.GetProperty("g").GetInt32());
        }

        Assert.AreEqual("{\"stage\":\"observing\",\"bands\":2}", instance["custom_status"]);
        Assert.AreEqual("Completed", instance["status"]);
        foreach (var column in new[] { "created_at", "updated_at", "completed_at" })
        {
            var text = (string)instance[column]!;
            Assert.MatchesRegex(IsoUtc, text, column);
            var parsed = DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            Assert.IsLessThan(TimeSpan.FromMinutes(5), (DateTime.UtcNow - parsed).Duration(), $"{column} is UTC, not local time");
        }

        // The same instant as the client reads it, to the millisecond the view shows (SQLite rounds the last digit).
        var createdAt = DateTime.Parse((string)instance["created_at"]!, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
        Assert.IsLessThanOrEqualTo(TimeSpan.FromMilliseconds(1), (createdAt - ok.CreatedAt).Duration());

        var failure = (string)(await Sql.ScalarAsync(store.Path, "SELECT failure FROM v_instances WHERE instance_id = 'obs-failed'"))!;
        Assert.AreEqual("System.InvalidOperationException: no photons", failure);

        var history = await Sql.RowsAsync(store.Path,
            "SELECT sequence, event_type, task_id, name, payload, timestamp FROM v_history WHERE instance_id = 'obs-ok' ORDER BY sequence");
        Assert.AreEqual("ExecutionStarted", history.First(r => (long)r["sequence"]! == 1)["event_type"]);
        var scheduled = history.First(r => (string)r["event_type"]! == "TaskScheduled");
        // DurableTask.Core records an activity's input as the array of its parameters.
        Assert.AreEqual("[\"g\"]", scheduled["payload"]);
        Assert.AreEqual(0L, scheduled["task_id"]);
        Assert.IsNull(history.First(r => (string)r["event_type"]! == "OrchestratorStarted")["task_id"], "no task id shows as NULL, not -1");
        var completed = history.First(r => (string)r["event_type"]! == "TaskCompleted");
        Assert.AreEqual("\"Hello, g!\"", completed["payload"]);
        Assert.IsTrue(history.All(r => System.Text.RegularExpressions.Regex.IsMatch((string)r["timestamp"]!, IsoUtc)));
        Assert.AreEqual(
            await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM history WHERE instance_id = 'obs-ok'"),
            history.Count);

        var failedEvent = (string?)await Sql.ScalarAsync(store.Path, "SELECT failure FROM v_history WHERE instance_id = 'obs-failed' AND event_type = 'ExecutionFailed'");
        Assert.AreEqual("System.InvalidOperationException: no photons", failedEvent);
    }

    [TestMethod]
    public async Task Store_in_a_missing_directory_fails_with_a_message_naming_it()
    {
        using var store = new TestStore();
        var path = Path.Combine(store.Directory, "no-such-dir", "nightshift.db");
        await using var durable = Open(path);

        var error = await Assert.ThrowsAsync<NightshiftException>(() => durable.InitializeAsync(CancellationToken.None));

        Assert.Contains("no-such-dir", error.Message);
        Assert.IsFalse(Directory.Exists(Path.GetDirectoryName(path)));
    }
}

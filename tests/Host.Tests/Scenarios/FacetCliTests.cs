using Microsoft.Data.Sqlite;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

/// <summary>The Factor operator's commands through the real launcher: run PARSET (-d, -s), check, reset, interactive + resume.</summary>
[TestClass]
public sealed class FacetCliTests
{
    private const string SmallField = """
        [simulate]
        seed = 42
        antennas = 12
        slots_per_chunk = 4
        calibrators = 3
        faint_sources = 6
        """;

    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public async Task Dry_run_then_stop_after_one_group_then_continue_then_check_and_reset_one_facet_image()
    {
        using var store = new TempStore();
        var parset = WriteParset(store, interactive: false);

        var plan = (await store.RunAsync("run", parset, "-d")).ShouldSucceed();
        StringAssert.Contains(plan.Stdout, "dry run");
        StringAssert.Contains(plan.Stdout, "simulate a field");
        Assert.IsFalse(File.Exists(store.Path), "a dry run creates no store");
        Assert.IsFalse(Directory.Exists(Path.Combine(store.Directory, "work")), "a dry run writes nothing");

        var first = (await store.RunAsync("run", parset, "-s", "1")).ShouldSucceed();
        StringAssert.Contains(first.Stderr, "stopped after 1 of 3 selfcal groups");
        var replan = (await store.RunAsync("run", parset, "-d")).ShouldSucceed();
        TestContext.WriteLine(replan.Stdout);
        StringAssert.Matches(replan.Stdout, new System.Text.RegularExpressions.Regex(@"1\s+facet1\s+\w+\s+done\s+done"));
        StringAssert.Matches(replan.Stdout, new System.Text.RegularExpressions.Regex(@"2\s+facet2\s+\w+\s+to run"));

        var rest = (await store.RunAsync("run", parset, "-s", "5")).ShouldSucceed();
        StringAssert.Contains(rest.Stdout, "\"groupsDone\": 3");
        Assert.AreEqual(1L, await CountAsync(store.Path, "SELECT COUNT(DISTINCT instance_id) FROM steps WHERE step_key = 'facet1/facetselfcal'"));
        Assert.AreEqual(0L, await CountAsync(store.Path, "SELECT COUNT(*) FROM steps s JOIN instances i ON i.instance_id = s.instance_id WHERE s.step_key = 'facet1/facetsub' AND i.created_at = (SELECT MAX(created_at) FROM instances WHERE name = 'FacetField')"),
            "group 1 was not redone by the continuing run");

        var check = (await store.RunAsync("check", parset)).ShouldSucceed();
        TestContext.WriteLine(check.Stdout);
        StringAssert.Matches(check.Stdout, new System.Text.RegularExpressions.Regex(@"facet1\s+facet\s+1\s+completed\s+completed\s+completed\s+passed"));
        var svg = await File.ReadAllTextAsync(Path.Combine(store.Directory, "work", "factor_check.svg"));
        StringAssert.Contains(svg, "<svg");
        StringAssert.Contains(svg, "data-facet=\"facet1\"");
        StringAssert.Contains(svg, "#006d2c", "a fully processed facet is drawn dark green");

        var scopes = (await store.RunAsync("steps")).ShouldSucceed();
        StringAssert.Contains(scopes.Stdout, "facet:" + Path.Combine(store.Directory, "work"));
        var ledger = StoreViews.Json((await store.RunAsync("steps", parset, "--json")).ShouldSucceed().Stdout);
        var sub = ledger.EnumerateArray().Single(e => e.GetProperty("step").GetString() == "facet1/facetsub");
        Assert.AreEqual("facet.addback", sub.GetProperty("undo").GetProperty("activity").GetString());
        Assert.AreEqual("completed", sub.GetProperty("status").GetString());

        var image = Path.Combine(store.Directory, "work", "results", "facetimage", "facet1", "facet1.fits");
        var solutions = Path.Combine(store.Directory, "work", "results", "facetselfcal", "facet1", "solutions.csv");
        var solutionsBefore = await File.ReadAllBytesAsync(solutions);
        var reset = (await store.RunAsync("reset", parset, "-r", "facet1", "-o", "facetimage")).ShouldSucceed();
        StringAssert.Contains(reset.Stdout, "facet1/facetimage");
        Assert.IsFalse(File.Exists(image));
        CollectionAssert.AreEqual(solutionsBefore, await File.ReadAllBytesAsync(solutions), "selfcal untouched");
        Assert.AreEqual(0L, await CountAsync(store.Path, "SELECT COUNT(*) FROM v_steps WHERE step_key = 'facet1/facetimage'"));
        Assert.AreEqual(1L, await CountAsync(store.Path, "SELECT COUNT(*) FROM v_steps WHERE step_key = 'facet1/facetselfcal'"));
        StringAssert.Matches((await store.RunAsync("check", parset)).Stdout, new System.Text.RegularExpressions.Regex(@"facet1\s+facet\s+1\s+completed\s+completed\s+-\s"));

        var unknown = await store.RunAsync("reset", parset, "-r", "facet9");
        Assert.AreEqual(2, unknown.ExitCode, unknown.ToString());
        StringAssert.Contains(unknown.Stderr, "no direction 'facet9'");
        var badOp = await store.RunAsync("reset", parset, "-r", "facet1", "-o", "selfcal");
        Assert.AreEqual(2, badOp.ExitCode, badOp.ToString());
        StringAssert.Contains(badOp.Stderr, "unknown operation 'selfcal'");

        (await store.RunAsync("run", parset)).ShouldSucceed();
        Assert.IsTrue(File.Exists(image), "the next run redoes the reset image");
    }

    [TestMethod]
    public async Task A_facet_layout_change_is_refused_by_run_with_a_message_and_nothing_starts()
    {
        using var store = new TempStore();
        var parset = WriteParset(store, interactive: false);
        (await store.RunAsync("run", parset, "-s", "1")).ShouldSucceed();
        var directions = Path.Combine(store.Directory, "work", "factor_directions.txt");
        var lines = (await File.ReadAllLinesAsync(directions)).Select(l => l.StartsWith("facet2 ", StringComparison.Ordinal) ? "facet2 08h20m00.0s +55d30m00.0s" : l).ToArray();
        await File.WriteAllLinesAsync(directions, lines);
        var instances = await CountAsync(store.Path, "SELECT COUNT(*) FROM instances");

        var refused = await store.RunAsync("run", parset);

        Assert.AreEqual(1, refused.ExitCode, refused.ToString());
        StringAssert.Contains(refused.Stderr, "refused: the facet layout");
        StringAssert.Contains(refused.Stderr, "facet2 moved");
        Assert.AreEqual(instances, await CountAsync(store.Path, "SELECT COUNT(*) FROM instances"), "no run was started");
    }

    [TestMethod]
    public async Task Interactive_run_pauses_with_a_reason_and_nightshift_resume_continues_it_with_the_edited_directions()
    {
        using var store = new TempStore();
        var parset = WriteParset(store, interactive: true);
        using var run = store.Start("run", parset);
        string? id = null;
        await TestWait.UntilAsync(async () =>
        {
            id = File.Exists(store.Path) ? await ScalarAsync(store.Path, "SELECT instance_id FROM v_instances WHERE name = 'FacetField' AND custom_status LIKE '%\"waitingFor\":\"continue\"%'") : null;
            return id is not null;
        }, "the run pauses for the operator");
        var paused = await StoreViews.InstanceAsync(store.Path, id!);
        StringAssert.Contains(paused!.CustomStatus, "interactive = True");
        StringAssert.Contains(paused.CustomStatus, "factor_directions.txt");
        Assert.AreEqual(0L, await CountAsync(store.Path, "SELECT COUNT(*) FROM steps WHERE step_key LIKE 'facet%'"));

        var check = (await store.RunAsync("check", id!)).ShouldSucceed();
        StringAssert.Contains(check.Stdout, "current: waiting directions");
        StringAssert.Contains(check.Stdout, "interactive = True");

        var directions = Path.Combine(store.Directory, "work", "factor_directions.txt");
        await File.WriteAllLinesAsync(directions, (await File.ReadAllLinesAsync(directions)).Select(l => l.StartsWith("facet1 ", StringComparison.Ordinal) ? "bright" + l["facet1".Length..] : l));
        var resumed = (await store.RunAsync("resume", id!)).ShouldSucceed();
        StringAssert.Contains(resumed.Stdout, "Raised 'continue'");

        var finished = await run.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, finished.ExitCode, finished.ToString());
        Assert.AreEqual(1L, await CountAsync(store.Path, "SELECT COUNT(*) FROM steps WHERE step_key = 'bright/facetsub'"), "the edited direction name was used");
        Assert.AreEqual(0L, await CountAsync(store.Path, "SELECT COUNT(*) FROM steps WHERE step_key LIKE 'facet1/%'"));
    }

    [TestMethod]
    public async Task Reset_of_a_running_run_by_instance_id_is_sent_as_an_event_and_applied_by_the_run()
    {
        using var store = new TempStore();
        (await store.RunAsync("run", WriteParset(store, interactive: false), "-s", "1")).ShouldSucceed();
        Assert.AreEqual(1L, await CountAsync(store.Path, "SELECT COUNT(*) FROM steps WHERE step_key = 'facet1/facetsub'"));
        var parset = WriteParset(store, interactive: true);
        using var run = store.Start("run", parset, "-s", "1");
        string? id = null;
        await TestWait.UntilAsync(async () =>
        {
            id = await ScalarAsync(store.Path, "SELECT instance_id FROM v_instances WHERE name = 'FacetField' AND status = 'Running' AND custom_status LIKE '%\"waitingFor\":\"continue\"%'");
            return id is not null;
        }, "the second run pauses for the operator");

        var sent = (await store.RunAsync("reset", id!, "-r", "facet1")).ShouldSucceed();
        StringAssert.Contains(sent.Stdout, $"sent to running instance {id}");
        await TestWait.UntilAsync(async () => await CountAsync(store.Path, "SELECT COUNT(*) FROM steps WHERE step_key LIKE 'facet1/%'") == 0
            && await ScalarAsync(store.Path, "SELECT instance_id FROM v_instances WHERE instance_id = '" + id + "' AND custom_status LIKE '%\"waitingFor\":\"continue\"%'") is not null,
            "the run applies the reset and pauses again");

        (await store.RunAsync("resume", id!)).ShouldSucceed();
        var finished = await run.WaitAsync(TimeSpan.FromMinutes(3));
        Assert.AreEqual(0, finished.ExitCode, finished.ToString());
        Assert.AreEqual(id, await ScalarAsync(store.Path, "SELECT instance_id FROM steps WHERE step_key = 'facet1/facetsub'"), "the running instance redid facet1");
    }

    [TestMethod]
    public async Task Bad_parsets_and_options_are_refused_naming_the_file_line_and_key_and_create_no_store()
    {
        using var store = new TempStore();
        var bad = Path.Combine(store.Directory, "bad.parset");
        File.WriteAllText(bad, "[global]\ndir_working = work\ndir_ms = input\n\n[calibration]\nmax_selfcal_loops = many\n");
        var value = await store.RunAsync("run", bad);
        Assert.AreEqual(2, value.ExitCode, value.ToString());
        StringAssert.Contains(value.Stderr, "bad.parset:6: [calibration] max_selfcal_loops = 'many' must be a whole number");

        File.WriteAllText(bad, "[global]\ndir_working = work\ndir_ms = input\n[directions]\ngrouping = 1:2\n");
        var key = await store.RunAsync("run", bad);
        Assert.AreEqual(2, key.ExitCode, key.ToString());
        StringAssert.Contains(key.Stderr, "bad.parset:5: unknown key 'grouping' in [directions]");

        File.WriteAllText(bad, "[global]\ndir_working = work\ndir_ms = input\n[directions]\ngroupings = 1:x\n");
        var groupings = await store.RunAsync("run", bad);
        Assert.AreEqual(2, groupings.ExitCode, groupings.ToString());
        StringAssert.Contains(groupings.Stderr, "'1:x' is not SIZE:COUNT");

        var parset = WriteParset(store, interactive: false);
        foreach (var args in new[] { new[] { "run", parset, "-s", "0" }, ["run", parset, "--id", "mine"], ["run", "demo", "-d"] })
        {
            var refused = await store.RunAsync(args);
            Assert.AreEqual(2, refused.ExitCode, refused.ToString());
        }

        Assert.IsFalse(File.Exists(store.Path), "nothing was created");
        Assert.IsFalse(Directory.Exists(Path.Combine(store.Directory, "work")));
    }

    private static string WriteParset(TempStore store, bool interactive)
    {
        var path = Path.Combine(store.Directory, "field.parset");
        File.WriteAllText(path, $"""
            # a Factor-style parset; paths relative to this file
            [global]
            dir_working = work
            dir_ms = input
            interactive = {(interactive ? "True" : "False")}

            [calibration]
            max_selfcal_loops = 2

            [directions]
            groupings = 1:0

            {SmallField}
            """);
        return path;
    }

    private static async Task<long> CountAsync(string path, string sql) => Convert.ToInt64(await ScalarAsync(path, sql) ?? "0", System.Globalization.CultureInfo.InvariantCulture);

    private static async Task<string?> ScalarAsync(string path, string sql)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false, Mode = SqliteOpenMode.ReadOnly }.ToString());
        await connection.OpenAsync();
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        try
        {
            return (await cmd.ExecuteScalarAsync())?.ToString();
        }
        catch (SqliteException)
        {
            return null; // the schema is being created
        }
    }
}

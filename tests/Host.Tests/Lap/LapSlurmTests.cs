using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Lap;

/// <summary>
/// The LAP demo with every kernel a SLURM job (<c>--executor slurm</c>, the single-node cluster of infra/slurm) against the
/// same demo in process. Skipped only where SLURM is not installed; about a minute, most of it SLURM's job turnaround.
/// </summary>
[TestClass]
public sealed class LapSlurmTests
{
    private static readonly string[] KernelSteps = ["lap.chip", "lap.warp", "lap.stack", "lap.diff", "lap.magic"];

    [TestMethod]
    [TestCategory("Slurm")]
    public async Task Demo_through_SLURM_gives_the_products_and_the_catalogue_of_the_in_process_run()
    {
        SlurmPresence.RequireOrSkip();
        using var inproc = new TempStore();
        using var slurm = new TempStore();

        (await RunAsync(inproc, "inproc")).ShouldSucceed();
        var result = (await RunAsync(slurm, "slurm")).ShouldSucceed();

        // The transient catalogue, line for line, and every stack and difference, byte for byte.
        CollectionAssert.AreEqual(
            await File.ReadAllLinesAsync(Path.Combine(LapOutputs.Output(inproc), "transients.csv")),
            await File.ReadAllLinesAsync(Path.Combine(LapOutputs.Output(slurm), "transients.csv")));
        var products = LapOutputs.Products(inproc);
        CollectionAssert.AreEqual(products, LapOutputs.Products(slurm));
        Assert.IsGreaterThan(100, products.Count);
        foreach (var product in products)
        {
            Assert.IsTrue(
                File.ReadAllBytes(Path.Combine(LapOutputs.Output(inproc), product)).AsSpan().SequenceEqual(File.ReadAllBytes(Path.Combine(LapOutputs.Output(slurm), product))),
                $"{product} differs between the in-process and the SLURM run");
        }

        var a = LapOutputs.Summary(inproc);
        var b = LapOutputs.Summary(slurm);
        foreach (var field in new[] { "stacksWritten", "diffs", "detections", "recoverable", "recovered", "falseDetections" })
        {
            Assert.AreEqual(a.GetProperty(field).GetInt32(), b.GetProperty(field).GetInt32(), field);
        }

        Assert.Contains("runs:        2 (done 2)", result.Stdout, result.ToString());
        const string ledger = "SELECT group_concat(kind || ':' || science || ':' || coalesce(template, '-') || ':' || skycell || ':' || detections || ':' || bad_fraction, ';') " +
            "FROM (SELECT * FROM lap_diffs ORDER BY lap_id, kind, science, skycell)";
        Assert.AreEqual(await ScalarTextAsync(inproc.Path, ledger), await ScalarTextAsync(slurm.Path, ledger), "lap_diffs rows");

        // Every kernel step was one SLURM job that completed, submitted in arrays; the in-process run submitted none.
        var steps = $"SELECT COUNT(*) FROM v_history WHERE event_type = 'TaskCompleted' AND name IN ({string.Join(", ", KernelSteps.Select(s => $"'{s}'"))})";
        var jobs = await StoreViews.CountAsync(slurm.Path, "SELECT COUNT(*) FROM jobs");
        Assert.AreEqual(await StoreViews.CountAsync(slurm.Path, steps), jobs);
        Assert.AreEqual(await StoreViews.CountAsync(inproc.Path, steps), jobs, "the same steps ran");
        Assert.AreEqual(jobs, await StoreViews.CountAsync(slurm.Path, "SELECT COUNT(*) FROM jobs WHERE state = 'completed' AND backend = 'slurm' AND exit_code = 0"));
        Assert.IsLessThan(jobs / 3, await StoreViews.CountAsync(slurm.Path, "SELECT COUNT(DISTINCT batch_name) FROM jobs"), "jobs go out as arrays");
        Assert.AreEqual(0L, await StoreViews.CountAsync(inproc.Path, "SELECT COUNT(*) FROM jobs"));
    }

    private static Task<CliResult> RunAsync(TempStore store, string executor) =>
        NightshiftExe.RunAsync(store.Directory, ["run", "lap", "--demo", "--executor", executor, "--id", "lap-" + executor, "--db", store.Path], timeout: TimeSpan.FromMinutes(5));

    private static async Task<string?> ScalarTextAsync(string path, string sql)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (string?)await command.ExecuteScalarAsync();
    }
}

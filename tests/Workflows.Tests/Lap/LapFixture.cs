using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;
using Nightshift.Workflows.Lap;
using Nightshift.Workflows.Tests.Support;

namespace Nightshift.Workflows.Tests.Lap;

/// <summary>A LAP host on a fresh SQLite file, which holds the LAP ledger too, with its output in a fresh directory.</summary>
internal static class LapFixture
{
    public static string NewDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-lapwf-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    /// <summary>
    /// Short lock and lease timeouts: a stopped worker leaves its instance locks and leases to expire (60 s and 30 s by
    /// default), and the resume scenario should not wait for that.
    /// </summary>
    public static Task<TestHost> StartAsync(string dir, bool startWorker = true) =>
        TestHost.StartAsync(
            Path.Combine(dir, "nightshift.db"),
            b => b.AddLap(),
            worker: o =>
            {
                o.OrchestrationLockTimeout = TimeSpan.FromSeconds(3);
                o.ActivityLeaseTimeout = TimeSpan.FromSeconds(3);
            },
            startWorker: startWorker);

    /// <summary>Fast retries and polling, so fault scenarios take milliseconds of waiting.</summary>
    public static LapConfig Config(string dir) => new()
    {
        OutputDirectory = Path.Combine(dir, "out"),
        RetrySeconds = 0.05,
        PollSeconds = 0.1,
    };

    /// <summary>One projection cell (10 exposures: o0001 junk, o0002 bad, o0003 its companion, o0006 private, o0010 streaked).</summary>
    public static LapConfig OneCell(string dir) => Config(dir) with { Survey = new SurveyConfig { ProjectionCellCount = 1 } };

    public static string RunId(string cell, string? label = null) => $"lap/seq1/run/{cell}.r{(label is null ? "" : "." + label)}";

    public static Task WaitForSqlAsync(string dir, string sql, string what) =>
        TestHost.WaitUntilAsync(async () =>
        {
            try
            {
                return await CountAsync(dir, sql) > 0;
            }
            catch (Microsoft.Data.Sqlite.SqliteException)
            {
                return false; // the ledger's tables appear with the first LAP activity
            }
        }, what, TimeSpan.FromSeconds(60));

    public static Task<long> CountAsync(string dir, string sql) => Sql.CountAsync(Path.Combine(dir, "nightshift.db"), sql);

    public static LapFaultInjection Inject(string stage, string target, int fault, int? times, string? Run = null) => new(stage, target, fault, times, Run);
}

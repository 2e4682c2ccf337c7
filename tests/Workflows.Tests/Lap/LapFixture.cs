using Nightshift.Activities.Lap;
using Nightshift.Workflows.Lap;
using Nightshift.Workflows.Tests.Support;

namespace Nightshift.Workflows.Tests.Lap;

/// <summary>A LAP host on a fresh SQLite file whose ledger shares the store file, with its output in a fresh directory.</summary>
internal static class LapFixture
{
    public static string NewDirectory(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-lapwf-tests", $"{name}-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        return dir;
    }

    public static Task<TestHost> StartAsync(string dir, bool startWorker = true) =>
        TestHost.StartAsync(Path.Combine(dir, "nightshift.db"), b => b.AddLap(o => o.LedgerPath = Path.Combine(dir, "nightshift.db")), startWorker: startWorker);

    /// <summary>Fast retries and polling, so fault scenarios take milliseconds of waiting.</summary>
    public static LapConfig Config(string dir) => new()
    {
        OutputDirectory = Path.Combine(dir, "out"),
        RetrySeconds = 0.05,
        PollSeconds = 0.1,
    };

    public static string RunId(string cell) => $"lap/seq1/run/{cell}.r";

    public static Task<long> CountAsync(string dir, string sql) => Sql.CountAsync(Path.Combine(dir, "nightshift.db"), sql);

    public static LapFaultInjection Inject(string stage, string target, int fault, int? times) => new(stage, target, fault, times);
}

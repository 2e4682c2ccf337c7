using Microsoft.Data.Sqlite;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Crash;

/// <summary>What the crash tests read while a worker runs: the store file, opened read-only as an operator's sqlite3 would.</summary>
internal static class CrashStore
{
    /// <summary>Waits until <paramref name="condition"/> holds, failing with the worker's output if it exits first or time runs out.</summary>
    public static async Task WaitUntilAsync(Func<bool> condition, string what, ChildProcess worker, TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(120));
        while (!SafeCheck(condition))
        {
            if (worker.HasExited)
            {
                throw new AssertFailedException($"The worker exited before {what}.\n{worker.Result()}");
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new AssertFailedException($"Timed out waiting until {what}.\n{worker.Result()}");
            }

            await Task.Delay(50);
        }
    }

    public static SqliteConnection Open(string db)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = db, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    // The store file may not exist yet, or be mid-migration (tables appear with the first activity), when the test first looks.
    private static bool SafeCheck(Func<bool> condition)
    {
        try
        {
            return condition();
        }
        catch (SqliteException)
        {
            return false;
        }
    }
}

using Npgsql;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Postgres.Tests;

/// <summary>
/// What a write transaction does when its connection is cut: before COMMIT it is rolled back and run again;
/// during COMMIT the server is asked whether it committed, and only an aborted transaction runs again.
/// </summary>
[TestClass]
public sealed class TransactionRetryTests
{
    private static async Task<PostgresDialect> OpenAsync(TestStore store)
    {
        var dialect = new PostgresDialect(PostgresServer.ConnectionString, store.Schema);
        await dialect.MigrateAsync([], CancellationToken.None);
        await Sql.ScalarAsync(store.Path, "CREATE TABLE scratch (attempt integer NOT NULL)");
        return dialect;
    }

    private static async Task TerminateAsync(int pid)
    {
        await using var admin = new NpgsqlConnection(PostgresServer.ConnectionString);
        await admin.OpenAsync();
        await using var cmd = new NpgsqlCommand("SELECT pg_terminate_backend(@pid)", admin);
        cmd.Parameters.AddWithValue("pid", pid);
        Assert.IsTrue((bool)(await cmd.ExecuteScalarAsync())!);
    }

    private static async Task InsertAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction t, string schema, int attempt)
    {
        await using var cmd = new NpgsqlCommand($"INSERT INTO {schema}.scratch (attempt) VALUES (@a)", (NpgsqlConnection)c, (NpgsqlTransaction)t);
        cmd.Parameters.AddWithValue("a", attempt);
        await cmd.ExecuteNonQueryAsync();
    }

    [TestMethod]
    public async Task Transaction_whose_connection_is_cut_midway_runs_again_and_applies_once()
    {
        using var store = new TestStore();
        await using var dialect = await OpenAsync(store);
        var attempts = 0;
        await dialect.WriteAsync(async (c, t) =>
        {
            attempts++;
            await InsertAsync(c, t, store.Schema, attempts);
            if (attempts == 1)
            {
                await TerminateAsync(((NpgsqlConnection)c).ProcessID);
                await InsertAsync(c, t, store.Schema, -1); // fails: the server has gone away from this connection
            }

            return 0;
        }, CancellationToken.None);

        Assert.AreEqual(2, attempts);
        var rows = await Sql.RowsAsync(store.Path, "SELECT attempt FROM scratch");
        CollectionAssert.AreEqual(new[] { 2 }, rows.Select(r => (int)r["attempt"]!).ToArray());
    }

    /// <summary>
    /// A deferred trigger makes COMMIT itself slow, so the connection can be cut while the COMMIT is in flight.
    /// The client cannot tell from the broken connection whether it committed; the server's answer (aborted)
    /// makes it run the transaction again, once.
    /// </summary>
    [TestMethod]
    public async Task Connection_cut_during_COMMIT_asks_the_server_and_runs_an_aborted_transaction_again()
    {
        using var store = new TestStore();
        await using var dialect = await OpenAsync(store);
        await Sql.ScalarAsync(store.Path,
            "CREATE FUNCTION slow_commit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.attempt = 1 THEN PERFORM pg_sleep(30); END IF; RETURN NULL; END $$; " +
            "CREATE CONSTRAINT TRIGGER slow_commit AFTER INSERT ON scratch DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION slow_commit()");
        var attempts = 0;
        Task? terminate = null;
        await dialect.WriteAsync(async (c, t) =>
        {
            attempts++;
            await InsertAsync(c, t, store.Schema, attempts);
            if (attempts == 1)
            {
                var pid = ((NpgsqlConnection)c).ProcessID;
                terminate = Task.Run(async () =>
                {
                    await Task.Delay(500);
                    await TerminateAsync(pid);
                });
            }

            return 0;
        }, CancellationToken.None);
        await terminate!;

        Assert.AreEqual(2, attempts);
        var rows = await Sql.RowsAsync(store.Path, "SELECT attempt FROM scratch");
        CollectionAssert.AreEqual(new[] { 2 }, rows.Select(r => (int)r["attempt"]!).ToArray());
    }

    /// <summary>Claims (locks, leases) commit without waiting for the disk; everything else waits for it.</summary>
    [TestMethod]
    public async Task Claims_commit_asynchronously_and_other_writes_synchronously()
    {
        using var store = new TestStore();
        await using var dialect = await OpenAsync(store);
        static async Task<string> ModeAsync(System.Data.Common.DbConnection c, System.Data.Common.DbTransaction t)
        {
            await using var show = new NpgsqlCommand("SHOW synchronous_commit", (NpgsqlConnection)c, (NpgsqlTransaction)t);
            return (string)(await show.ExecuteScalarAsync())!;
        }

        Assert.AreEqual("off", await dialect.WriteClaimAsync(ModeAsync, CancellationToken.None));
        Assert.AreEqual("on", await dialect.WriteAsync(ModeAsync, CancellationToken.None));
    }

    [TestMethod]
    public async Task Outcome_of_a_transaction_is_read_back_by_its_id()
    {
        using var store = new TestStore();
        await using var dialect = await OpenAsync(store);
        await using var connection = new NpgsqlConnection(PostgresServer.ConnectionString);
        await connection.OpenAsync();

        async Task<string> RunAsync(bool commit)
        {
            await using var transaction = await connection.BeginTransactionAsync();
            await using var insert = new NpgsqlCommand($"INSERT INTO {store.Schema}.scratch VALUES (7); SELECT pg_current_xact_id()::text", connection, transaction);
            var xid = (string)(await insert.ExecuteScalarAsync())!;
            if (commit)
            {
                await transaction.CommitAsync();
            }
            else
            {
                await transaction.RollbackAsync();
            }

            return xid;
        }

        Assert.IsTrue(await dialect.CommittedAsync(await RunAsync(commit: true), CancellationToken.None));
        Assert.IsFalse(await dialect.CommittedAsync(await RunAsync(commit: false), CancellationToken.None));
        Assert.IsFalse(await dialect.CommittedAsync("999999999999", CancellationToken.None), "an id the server never handed out did not commit");
    }
}

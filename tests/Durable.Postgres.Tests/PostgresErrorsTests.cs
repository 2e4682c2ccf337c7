using System.Net.Sockets;
using Npgsql;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Postgres.Tests;

/// <summary>The one classifier behind every retry loop of the store.</summary>
[TestClass]
public sealed class PostgresErrorsTests
{
    private static PostgresException Server(string sqlState) => new("message", "ERROR", "ERROR", sqlState);

    [TestMethod]
    [DataRow("40001", DisplayName = "serialization failure")]
    [DataRow("40P01", DisplayName = "deadlock")]
    [DataRow("57P01", DisplayName = "admin shutdown (fast restart)")]
    [DataRow("57P02", DisplayName = "crash shutdown")]
    [DataRow("57P03", DisplayName = "cannot connect now (starting up)")]
    [DataRow("08006", DisplayName = "connection failure")]
    [DataRow("08001", DisplayName = "cannot establish connection")]
    [DataRow("53300", DisplayName = "too many connections")]
    public void Server_errors_that_a_retry_can_outlive_are_transient(string sqlState)
        => Assert.IsTrue(PostgresErrors.IsTransient(Server(sqlState)));

    [TestMethod]
    [DataRow("23505", DisplayName = "unique violation")]
    [DataRow("42P01", DisplayName = "undefined table")]
    [DataRow("42601", DisplayName = "syntax error")]
    [DataRow("42501", DisplayName = "insufficient privilege")]
    [DataRow("22023", DisplayName = "invalid parameter value")]
    public void Errors_in_the_request_itself_are_not_transient(string sqlState)
        => Assert.IsFalse(PostgresErrors.IsTransient(Server(sqlState)));

    [TestMethod]
    public void Broken_connections_are_transient_and_cancellation_is_not()
    {
        Assert.IsTrue(PostgresErrors.IsTransient(new NpgsqlException("Exception while reading from stream", new IOException("reset"))));
        Assert.IsTrue(PostgresErrors.IsTransient(new SocketException((int)SocketError.ConnectionReset)));
        Assert.IsTrue(PostgresErrors.IsTransient(new AggregateException(new TimeoutException())));
        Assert.IsFalse(PostgresErrors.IsTransient(new OperationCanceledException()));
        Assert.IsFalse(PostgresErrors.IsTransient(new InvalidOperationException("bug")));
        Assert.IsTrue(PostgresErrors.IsConnectionFailure(Server("57P01")));
        Assert.IsFalse(PostgresErrors.IsConnectionFailure(Server("40P01")), "a deadlock loses one transaction, not the connection");
    }

    [TestMethod]
    public async Task Refused_connection_is_retried_with_backoff_until_the_budget_is_spent()
    {
        // Nothing listens on port 1: every attempt is refused.
        var refused = new NpgsqlConnectionStringBuilder(PostgresServer.ConnectionString) { Port = 1, Timeout = 2 }.ConnectionString;
        await using var dialect = new PostgresDialect(refused, "nightshift", retryTimeout: TimeSpan.FromSeconds(1.5));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<Exception>(() => dialect.ReadAsync(_ => Task.FromResult(0), CancellationToken.None));
        Assert.IsTrue(PostgresErrors.IsTransient(error), error.ToString());
        Assert.IsGreaterThan(0.5, clock.Elapsed.TotalSeconds, "it retried before giving up");
        Assert.IsLessThan(10.0, clock.Elapsed.TotalSeconds, "it gave up when the budget was spent");
    }
}

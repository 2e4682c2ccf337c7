using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Postgres;

/// <summary>The PostgreSQL store's log messages, with stable event ids (4xxx).</summary>
internal static partial class Logs
{
    [LoggerMessage(4001, LogLevel.Warning, "PostgreSQL {Store}: transient error ({Error}); attempt {Attempt} failed, retrying in {Delay}")]
    public static partial void Retrying(ILogger logger, string store, string error, int attempt, TimeSpan delay);

    [LoggerMessage(4002, LogLevel.Warning, "PostgreSQL {Store}: the connection failed during COMMIT of transaction {Xid}; the server says it {Outcome}")]
    public static partial void CommitOutcome(ILogger logger, string store, string xid, string outcome);

    [LoggerMessage(4003, LogLevel.Information, "PostgreSQL {Store}: schema {Schema} migrated from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, string store, string schema, int from, int to);
}

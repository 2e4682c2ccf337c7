using System.Net.Sockets;
using Npgsql;

namespace Nightshift.Durable.Postgres;

/// <summary>
/// The one place that decides which database errors are worth retrying. Every retry loop of the PostgreSQL
/// store asks <see cref="IsTransient"/>; nothing else retries, so a real error (a constraint violation, bad
/// SQL, a missing privilege) surfaces at once instead of being hidden behind backoff.
/// </summary>
internal static class PostgresErrors
{
    /// <summary>
    /// True for errors that a later attempt may not meet: the connection was refused, reset or cut; the server
    /// is shutting down, restarting or not yet accepting connections (57P01, 57P02, 57P03); any connection
    /// exception (class 08); a serialization failure (40001) or deadlock (40P01); too many connections (53300);
    /// and whatever Npgsql itself marks transient (I/O errors and timeouts).
    /// </summary>
    public static bool IsTransient(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case OperationCanceledException:
                    // Our own cancellation; Npgsql reports a server-side statement timeout as a PostgresException instead.
                    return false;
                case PostgresException pg:
                    return IsTransientState(pg.SqlState) || pg.IsTransient;
                case NpgsqlException npgsql when npgsql.IsTransient:
                    return true;
                case SocketException or IOException or TimeoutException:
                    return true;
                case AggregateException aggregate when aggregate.InnerExceptions.Count == 1:
                    return IsTransient(aggregate.InnerExceptions[0]);
            }
        }

        return false;
    }

    /// <summary>
    /// True when the error means the connection itself is gone, as opposed to one transaction losing a race.
    /// Other pooled connections to the same server are then probably dead too, and the pool is cleared.
    /// </summary>
    public static bool IsConnectionFailure(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                case PostgresException pg:
                    return pg.SqlState.StartsWith("08", StringComparison.Ordinal) || pg.SqlState is "57P01" or "57P02" or "57P03";
                case SocketException or IOException or TimeoutException:
                    return true;
                case NpgsqlException npgsql when npgsql.IsTransient && npgsql is not PostgresException:
                    return true;
            }
        }

        return false;
    }

    private static bool IsTransientState(string sqlState) =>
        sqlState.StartsWith("08", StringComparison.Ordinal) // connection exception
        || sqlState is PostgresErrorCodes.SerializationFailure // 40001
            or PostgresErrorCodes.DeadlockDetected // 40P01
            or PostgresErrorCodes.AdminShutdown // 57P01
            or PostgresErrorCodes.CrashShutdown // 57P02
            or PostgresErrorCodes.CannotConnectNow // 57P03
            or PostgresErrorCodes.TooManyConnections; // 53300
}

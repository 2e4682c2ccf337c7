using System.Data.Common;
using Nightshift.Durable;
using Nightshift.Durable.Storage;
using Nightshift.Durable.Storage.Sql;

namespace Nightshift.Activities.Storage;

/// <summary>
/// What the activities' own tables (jobs, steps, productions) share: they live in the store's database, next to the
/// instances they describe, and are read and written in the store's transactions through its dialect, with every
/// statement scoped to the store's task hub by an <c>@hub</c> parameter.
/// </summary>
internal abstract class SqlLedger
{
    /// <param name="store">The runtime's store; it must be a SQL one.</param>
    /// <param name="what">Who needs it, for the error, e.g. "The job ledger".</param>
    protected SqlLedger(IDurableStore store, string what)
    {
        ArgumentNullException.ThrowIfNull(store);
        Store = store as ISqlStore
            ?? throw new NightshiftException($"{what} needs a SQL store; '{store.Description}' is not one.");
    }

    protected ISqlStore Store { get; }

    protected SqlDialect Dialect => Store.Dialect;

    /// <summary>The schema or table prefix to put before every table name.</summary>
    protected string Prefix => Store.Dialect.TablePrefix;

    protected string Hub => Store.Hub;

    /// <summary>A command in <paramref name="transaction"/> with <c>@hub</c> already bound.</summary>
    internal DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var cmd = Dialect.CreateCommand(connection, transaction, sql);
        Add(cmd, "@hub", Hub);
        return cmd;
    }

    internal static void Add(DbCommand cmd, string name, object? value)
    {
        var parameter = cmd.CreateParameter();
        parameter.ParameterName = name;
        parameter.Value = value ?? DBNull.Value;
        cmd.Parameters.Add(parameter);
    }
}

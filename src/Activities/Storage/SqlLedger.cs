using System.Data.Common;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Storage;

/// <summary>
/// What the activities' own tables (jobs, steps, productions) share: they live in the store's database, next to the
/// instances they describe, and are read and written in the store's transactions through the public store seam, with
/// every statement scoped to the store's task hub by an <c>@hub</c> parameter. Each ledger registers its schema scripts
/// with the store, which applies them with its own migration.
/// </summary>
internal abstract class SqlLedger
{
    /// <param name="store">The store seam of the runtime's SQL store.</param>
    /// <param name="schema">The ledger's tables, registered with the store.</param>
    protected SqlLedger(INightshiftSqlStore store, StoreSchema schema)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(schema);
        store.AddSchema(schema);
        Store = store;
    }

    protected INightshiftSqlStore Store { get; }

    /// <summary>The schema or table prefix to put before every table name.</summary>
    protected string Prefix => Store.TablePrefix;

    protected string Hub => Store.Hub;

    /// <summary>A command in <paramref name="transaction"/> with <c>@hub</c> already bound.</summary>
    internal DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql)
    {
        var cmd = Store.CreateCommand(connection, transaction, sql);
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

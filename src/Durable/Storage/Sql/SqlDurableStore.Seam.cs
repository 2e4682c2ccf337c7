using System.Data.Common;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage.Sql;

/// <summary>The store's migration and the public seam through which add-ons keep their tables in its database.</summary>
internal sealed partial class SqlDurableStore : INightshiftSqlStore
{
    private readonly SemaphoreSlim migrateGate = new(1, 1);
    private readonly Lock schemaLock = new();
    private readonly List<StoreSchema> schemas = [];

    // How many of the registered schemas the last migration covered; InitializeAsync is a volatile read while that is all.
    private volatile int migratedSchemas = -1;

    public SqlStoreKind Kind => dialect.Kind;

    public string TablePrefix => dialect.TablePrefix;

    public void AddSchema(StoreSchema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        lock (schemaLock)
        {
            if (schemas.Any(s => s.Name == schema.Name))
            {
                return;
            }

            // Versions are one number space for the store and every add-on: schema_version records numbers only, so two
            // owners of one number would each find the other's script recorded and skip their own.
            foreach (var other in schemas)
            {
                var shared = other.Versions.Intersect(schema.Versions).ToList();
                if (shared.Count > 0)
                {
                    throw new NightshiftException(
                        $"The store schema '{schema.Name}' uses version {string.Join(", ", shared)}, which '{other.Name}' already uses in {dialect.Description}.");
                }
            }

            schemas.Add(schema);
        }
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        if (migratedSchemas == schemas.Count)
        {
            return;
        }

        await migrateGate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            List<StoreSchema> snapshot;
            lock (schemaLock)
            {
                snapshot = [.. schemas];
            }

            if (migratedSchemas != snapshot.Count)
            {
                var addOns = snapshot
                    .SelectMany(s => s.ScriptsFor(dialect.Kind).Select(script => (Owner: s.Name, Script: script)))
                    .ToList();
                await dialect.MigrateAsync(addOns, cancellationToken).ConfigureAwait(false);
                migratedSchemas = snapshot.Count;
            }
        }
        finally
        {
            migrateGate.Release();
        }
    }

    public Task<T> WriteAsync<T>(Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken cancellationToken)
        => dialect.WriteAsync(work, cancellationToken);

    public Task<T> ReadAsync<T>(Func<DbConnection, Task<T>> work, CancellationToken cancellationToken)
        => dialect.ReadAsync(work, cancellationToken);

    public DbCommand CreateCommand(DbConnection connection, DbTransaction? transaction, string sql)
        => dialect.CreateCommand(connection, transaction, sql);

    public object TimeValue(DateTime utc) => dialect.TimeValue(utc);

    public DateTime ReadTime(DbDataReader reader, int ordinal) => dialect.ReadTime(reader, ordinal);
}

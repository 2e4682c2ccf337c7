using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage.Sql;

/// <summary>How the SQL store packages register their store: as the runtime's store and as the add-ons' seam, one object.</summary>
internal static class SqlStoreRegistration
{
    public static NightshiftBuilder UseSqlStore(this NightshiftBuilder builder, Func<IServiceProvider, SqlDurableStore> factory)
    {
        builder.UseStore(sp =>
        {
            var store = factory(sp);
            // Schemas registered with AddStoreSchema are part of the store's first migration, so their tables and views
            // exist from the first start, before any add-on code runs.
            foreach (var schema in sp.GetServices<StoreSchema>())
            {
                store.AddSchema(schema);
            }

            return store;
        });
        // The seam resolves to the same singleton, so add-ons migrate and write through the runtime's own connections.
        builder.Services.RemoveAll<INightshiftSqlStore>();
        builder.Services.AddSingleton<INightshiftSqlStore>(sp => (SqlDurableStore)sp.GetRequiredService<IDurableStore>());
        return builder;
    }
}

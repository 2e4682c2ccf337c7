using Microsoft.Extensions.DependencyInjection;

namespace Nightshift.Durable.Storage;

/// <summary>Registers an add-on's tables with the store of a Nightshift host.</summary>
public static class StoreSchemaBuilderExtensions
{
    /// <summary>
    /// Adds <paramref name="schema"/> to the store's migration, so its tables and views are created (or brought up to
    /// date) when the store first initializes, with the store's own. An add-on calls this from its <c>Add…</c> extension;
    /// its ledger may still call <see cref="INightshiftSqlStore.AddSchema"/> for stores made without it. Safe to call twice.
    /// </summary>
    public static NightshiftBuilder AddStoreSchema(this NightshiftBuilder builder, StoreSchema schema)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(schema);
        // By name, not TryAddEnumerable: that keys instances by their type, and every schema is a StoreSchema.
        if (!builder.Services.Any(d => d.ServiceType == typeof(StoreSchema) && d.ImplementationInstance is StoreSchema s && s.Name == schema.Name))
        {
            builder.Services.AddSingleton(schema);
        }

        return builder;
    }
}

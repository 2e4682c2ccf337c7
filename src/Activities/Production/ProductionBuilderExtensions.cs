using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nightshift.Activities.Jobs;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Production;

/// <summary>Adds the production activities and queries to a Nightshift host.</summary>
public static class ProductionBuilderExtensions
{
    /// <summary>
    /// Registers the production activities (<see cref="ProductionActivityNames"/>) and <see cref="ProductionQueries"/>.
    /// The jobs the productions run need the job layer too (<c>AddJobs</c>).
    /// </summary>
    public static NightshiftBuilder AddProductionActivities(this NightshiftBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStoreSchema(JobLedger.Schema).AddStoreSchema(ProductionLedger.Schema);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton(sp => new ProductionLedger(sp.GetRequiredService<INightshiftSqlStore>()));
        builder.Services.TryAddSingleton(sp => new ProductionQueries(sp.GetRequiredService<ProductionLedger>()));
        return builder
            .AddTaskActivity<BeginProductionActivity>(ProductionActivityNames.Begin)
            .AddTaskActivity<RecordUnitActivity>(ProductionActivityNames.Record)
            .AddTaskActivity<EndProductionActivity>(ProductionActivityNames.End);
    }
}

using Nightshift.Activities.Production;
using Nightshift.Durable;

namespace Nightshift.Workflows.Production;

/// <summary>Registers the SNfactory-style production pipeline: production, production.night and production.target.</summary>
public static class ProductionPipeline
{
    /// <summary>The top-level orchestration (a production run).</summary>
    public const string Name = "production";

    /// <summary>The night-plan chain of one night.</summary>
    public const string NightPlan = "production.night";

    /// <summary>The target-plan chain of one target.</summary>
    public const string TargetPlan = "production.target";

    /// <summary>
    /// Adds the production orchestrations and activities. Their plans run as batch jobs, so the host also needs the
    /// job layer (<c>AddJobs</c>) with a kernel launcher that can run the <c>snf.*</c> kernels.
    /// </summary>
    public static NightshiftBuilder AddProduction(this NightshiftBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        return builder
            .AddOrchestrator<ProductionOrchestration>(Name)
            .AddOrchestrator<NightPlanOrchestration>(NightPlan)
            .AddOrchestrator<TargetPlanOrchestration>(TargetPlan)
            .AddProductionActivities();
    }
}

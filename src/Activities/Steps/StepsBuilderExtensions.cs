using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Nightshift.Durable;
using Nightshift.Durable.Storage;

namespace Nightshift.Activities.Steps;

/// <summary>Adds the steps ledger to a Nightshift host.</summary>
public static class StepsBuilderExtensions
{
    /// <summary>
    /// Registers the ledger, <see cref="StepQueries"/>, the activities behind
    /// <see cref="StepOrchestrationExtensions.RunStepAsync{T}(OrchestrationContext, string, string, string, object?, StepOptions{T}?)"/>
    /// and the reset orchestration. Safe to call more than once (several pipelines use the ledger).
    /// </summary>
    public static NightshiftBuilder AddSteps(this NightshiftBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStoreSchema(StepLedger.Schema);
        builder.Services.TryAddSingleton(sp => new StepLedger(sp.GetRequiredService<INightshiftSqlStore>()));
        builder.Services.TryAddSingleton(sp => new StepQueries(sp.GetRequiredService<StepLedger>()));
        return builder
            .AddActivity<BeginStepActivity>(StepActivityNames.Begin)
            .AddActivity<CompleteStepActivity>(StepActivityNames.Complete)
            .AddActivity<FailStepActivity>(StepActivityNames.Fail)
            .AddActivity<SelectStepsActivity>(StepActivityNames.Select)
            .AddActivity<DeleteStepsActivity>(StepActivityNames.Delete)
            .AddOrchestration<StepResetOrchestration>(StepActivityNames.Reset);
    }
}

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
    /// <see cref="StepOrchestrationExtensions.RunStepAsync{T}(Microsoft.DurableTask.TaskOrchestrationContext, string, string, string, object?, StepOptions{T}?)"/>
    /// and the reset orchestration. Safe to call more than once (several pipelines use the ledger).
    /// </summary>
    public static NightshiftBuilder AddSteps(this NightshiftBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.AddStoreSchema(StepLedger.Schema);
        builder.Services.TryAddSingleton(sp => new StepLedger(sp.GetRequiredService<INightshiftSqlStore>()));
        builder.Services.TryAddSingleton(sp => new StepQueries(sp.GetRequiredService<StepLedger>()));
        return builder
            .AddTaskActivity<BeginStepActivity>(StepActivityNames.Begin)
            .AddTaskActivity<CompleteStepActivity>(StepActivityNames.Complete)
            .AddTaskActivity<FailStepActivity>(StepActivityNames.Fail)
            .AddTaskActivity<SelectStepsActivity>(StepActivityNames.Select)
            .AddTaskActivity<DeleteStepsActivity>(StepActivityNames.Delete)
            .AddOrchestrator<StepResetOrchestration>(StepActivityNames.Reset);
    }
}

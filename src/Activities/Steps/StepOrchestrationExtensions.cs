using System.Security.Cryptography;
using System.Text;
using Microsoft.DurableTask;
using Nightshift.Durable;

namespace Nightshift.Activities.Steps;

/// <summary>
/// Steps run through the ledger: the recorded result comes back when the same step was completed with the same input
/// (and code version) by any earlier instance; otherwise the work runs and its result is recorded.
/// </summary>
public static class StepOrchestrationExtensions
{
    /// <summary>On the Durable Task SDK: runs <paramref name="activity"/> as the step (scope, key) through the ledger.</summary>
    public static Task<T> RunStepAsync<T>(this TaskOrchestrationContext context, string scope, string key, string activity, object? input, StepOptions<T>? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.RunStepAsync(scope, key, input, () => context.CallActivityAsync<T>(activity, input, options?.TaskOptions), options);
    }

    /// <summary>
    /// On the Durable Task SDK: runs <paramref name="work"/> as the step (scope, key) unless the ledger holds it done
    /// with the same input and code version; a stale record (and the steps that depend on it) is undone first.
    /// </summary>
    public static async Task<T> RunStepAsync<T>(this TaskOrchestrationContext context, string scope, string key, object? input, Func<Task<T>> work, StepOptions<T>? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(work);
        var hash = Hash(input);
        var begin = new StepBeginRequest(scope, key, hash, options?.CodeVersion, context.InstanceId);
        var found = await context.CallActivityAsync<StepBeginResult>(StepActivityNames.Begin, begin);
        if (found.Reuse is { } done)
        {
            return DurableJson.Deserialize<T>(done.Result)!;
        }

        var reset = new List<string>(options?.Dependents ?? []);
        if (found.Stale is not null)
        {
            reset.Add(key);
        }

        if (reset.Count > 0)
        {
            await context.ResetStepsAsync(new StepSelection(scope, reset));
            if (found.Stale is not null)
            {
                await context.CallActivityAsync<StepBeginResult>(StepActivityNames.Begin, begin);
            }
        }

        T result;
        try
        {
            result = await work();
        }
        catch (Microsoft.DurableTask.TaskFailedException failure)
        {
            await context.CallActivityAsync<bool>(StepActivityNames.Fail,
                new StepCompletion(scope, key, hash, options?.CodeVersion, context.InstanceId, null, [], null, failure.Message));
            throw;
        }

        var products = options?.Products?.Invoke(result) ?? [];
        var undo = options?.Undo?.Invoke(result);
        await context.CallActivityAsync<bool>(StepActivityNames.Complete,
            new StepCompletion(scope, key, hash, options?.CodeVersion, context.InstanceId, DurableJson.Serialize(result), products, undo, null));
        return result;
    }

    /// <summary>On the Durable Task SDK: undoes and deletes the selected steps (a sub-orchestration, newest first).</summary>
    public static Task<StepResetResult> ResetStepsAsync(this TaskOrchestrationContext context, StepSelection selection)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.CallSubOrchestratorAsync<StepResetResult>(StepActivityNames.Reset, selection,
            new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:reset:{context.NewGuid():N}" });
    }

    /// <summary>
    /// Whether <paramref name="recorded"/> (a row read with <see cref="StepActivityNames.Select"/>) would be reused for
    /// <paramref name="input"/>: completed, same input hash, same code version. Lets a pipeline see before a fan-out
    /// which steps will run, and reset their dependents once rather than from each parallel branch.
    /// </summary>
    public static bool IsCurrent(StepRecord? recorded, object? input, string? codeVersion) =>
        recorded is { Status: StepStatus.Completed } r && r.InputHash == Hash(input) && r.CodeVersion == codeVersion;

    /// <summary>The ledger's input hash: SHA-256 of the input's JSON, hex.</summary>
    public static string Hash(object? input) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(DurableJson.Serialize(input) ?? "null")));
}

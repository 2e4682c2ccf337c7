using Microsoft.DurableTask;

namespace Nightshift.Workflows.Lap;

/// <summary>
/// A sequence: works through its queue of run definitions keeping <see cref="LapConfig.MaxActiveRuns"/> runs active, each a
/// sub-orchestration with the id <c>lap/SEQ/run/CELL.FILTER[.LABEL]</c> (so an operator can <c>nightshift raise</c> it).
/// </summary>
internal sealed class LapSequenceOrchestration : TaskOrchestrator<LapSequenceInput, IReadOnlyList<LapRunResult>>
{
    public override async Task<IReadOnlyList<LapRunResult>> RunAsync(TaskOrchestrationContext context, LapSequenceInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var queue = new Queue<LapRunDefinition>(input.Runs);
        var active = new Dictionary<Task<LapRunResult>, string>();
        var results = new List<LapRunResult>();
        while (queue.Count > 0 || active.Count > 0)
        {
            while (active.Count < input.Config.MaxActiveRuns && queue.TryDequeue(out var definition))
            {
                var id = RunId(input.SeqId, definition, input.Config);
                active[context.CallSubOrchestratorAsync<LapRunResult>(
                    LapPipeline.Run, new LapRunInput(input.SeqId, definition, input.Config, input.SurveyDirectory), new SubOrchestrationOptions { InstanceId = id })] = id;
            }

            context.SetCustomStatus(new LapProgress($"runs: {results.Count} finished, {active.Count} active, {queue.Count} queued", string.Join(" ", active.Values)));
            var finished = await Task.WhenAny(active.Keys);
            var finishedId = active[finished];
            active.Remove(finished);
            try
            {
                results.Add(await finished);
            }
            catch (TaskFailedException failure)
            {
                // A failed run does not stop the sequence; the operator restarts it by its id.
                results.Add(new LapRunResult(finishedId, $"failed: {failure.FailureDetails.ErrorMessage}", 0, 0, 0, 0, 0, 0, 0));
            }
        }

        context.SetCustomStatus(new LapProgress($"runs: {results.Count} finished"));
        return results;
    }

    /// <summary>The run's instance id.</summary>
    public static string RunId(string seqId, LapRunDefinition definition, LapConfig config) =>
        $"lap/{seqId}/run/{definition.Cell}.{definition.Filter ?? config.Survey.Filter}{(definition.Label is { Length: > 0 } label ? "." + label : "")}";
}

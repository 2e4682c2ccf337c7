using Microsoft.DurableTask;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>
/// The LAP pipeline (<c>nightshift run lap</c>): generate the synthetic survey (unless told not to), run the sequence of one
/// run per projection cell, and summarise: runs, exposures by state, stacks, differences and the injected transients
/// recovered, also written to OUTPUT/summary.json with the catalogue OUTPUT/transients.csv.
/// </summary>
internal sealed class LapOrchestration : TaskOrchestrator<LapConfig, LapSummary>
{
    public override async Task<LapSummary> RunAsync(TaskOrchestrationContext context, LapConfig input)
    {
        ArgumentNullException.ThrowIfNull(context);
        input ??= new LapConfig();
        if (input.Validate() is { } problem)
        {
            throw new ArgumentException($"Invalid LAP configuration: {problem}.", nameof(input));
        }

        var retry = LapExecutors.SystemRetry(input);
        var surveyDirectory = input.ResolvedSurveyDirectory;
        IReadOnlyList<string> cells = [];
        if (input.Generate)
        {
            context.SetCustomStatus(new LapProgress("generate survey", Done: 0, Total: 3));
            cells = (await context.CallActivityAsync<SurveyInfo>(LapActivityNames.GenerateSurvey, new GenerateSurveyInput(input.Survey, surveyDirectory), retry)).ProjectionCells;
        }

        var runs = input.Runs ?? [.. cells.Select(c => new LapRunDefinition(c))];
        if (runs.Count == 0)
        {
            throw new ArgumentException("Invalid LAP configuration: runs must list the runs when generate is false.", nameof(input));
        }

        context.SetCustomStatus(new LapProgress("sequence", $"lap/{input.Sequence}", Done: 1, Total: 3));
        await context.CallSubOrchestratorAsync<IReadOnlyList<LapRunResult>>(
            LapPipeline.Sequence, new LapSequenceInput(input.Sequence, input, surveyDirectory, runs), new SubOrchestrationOptions { InstanceId = $"lap/{input.Sequence}" });

        context.SetCustomStatus(new LapProgress("summary", Done: 2, Total: 3));
        var step = new LapStep(input.Sequence, context.InstanceId, surveyDirectory, input.OutputDirectory, []);
        var summary = await context.CallActivityAsync<LapSummary>(LapActivityNames.Summary, new SummaryInput(step, input.MatchRadiusArcsec, input.MinSnr), retry);
        context.SetCustomStatus(new LapProgress("done", Done: 3, Total: 3));
        return summary;
    }
}

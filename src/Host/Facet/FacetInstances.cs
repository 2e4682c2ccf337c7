using Nightshift.Activities.Steps;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Hosting;
using Nightshift.Workflows.Facet;

namespace Nightshift.Host.Facet;

/// <summary>Finds the facet runs of a working directory and reads its steps ledger.</summary>
internal static class FacetInstances
{
    /// <summary>Every facet run of <paramref name="workingDir"/>, newest first.</summary>
    public static async Task<IReadOnlyList<OrchestrationState>> ForWorkingDirAsync(DurableClient client, string workingDir, CancellationToken cancellationToken)
    {
        var found = new List<OrchestrationState>();
        string? token = null;
        do
        {
            var page = await client.QueryAsync(new InstanceQuery { Name = FacetPipeline.Name, PageSize = 500, ContinuationToken = token }, cancellationToken).ConfigureAwait(false);
            found.AddRange(page.Instances.Where(i => ConfigOf(i)?.WorkingDir == workingDir));
            token = page.ContinuationToken;
        }
        while (token is not null);
        return [.. found.OrderByDescending(i => i.CreatedAt)];
    }

    /// <summary>The configuration an instance runs with, or null when it is not a facet run.</summary>
    public static FacetConfig? ConfigOf(OrchestrationState state)
    {
        if (state.Name != FacetPipeline.Name || state.Input is null)
        {
            return null;
        }

        try
        {
            return DurableJson.Deserialize<FacetConfig>(state.Input);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    /// <summary>The steps of <paramref name="config"/>'s field.</summary>
    public static Task<IReadOnlyList<StepRecord>> StepsAsync(StepQueries queries, FacetConfig config, CancellationToken cancellationToken) =>
        queries.ListAsync(config.Scope, cancellationToken);

    /// <summary>
    /// A parset or an instance id: the configuration, and the newest instance of its field (null when it never ran).
    /// </summary>
    public static async Task<(FacetConfig Config, OrchestrationState? Instance)> ResolveAsync(ClientSession session, string target, CancellationToken cancellationToken)
    {
        if (FacetParset.IsFacetTarget(target))
        {
            var config = FacetParset.Load(target);
            var runs = await ForWorkingDirAsync(session.Client, config.WorkingDir, cancellationToken).ConfigureAwait(false);
            return (config, runs.FirstOrDefault());
        }

        var state = await session.Client.GetAsync(target, cancellationToken).ConfigureAwait(false)
            ?? throw CommandLineException.Usage($"'{target}' is neither a facet parset (*.parset, or YAML with 'global:') nor an instance in {session.Client.StoreDescription}");
        var found = ConfigOf(state) ?? throw CommandLineException.Usage($"instance '{target}' is a '{state.Name}' run, not a facet run");
        return (found, state);
    }
}

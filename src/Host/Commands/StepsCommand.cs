using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Nightshift.Activities.Steps;
using Nightshift.Host.Cli;
using Nightshift.Host.Display;
using Nightshift.Host.Facet;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift steps [SCOPE|PARSET]</c>: the steps ledger, per scope or of one scope.</summary>
internal static class StepsCommand
{
    public static Command Create()
    {
        var scope = new Argument<string?>("SCOPE|PARSET")
        {
            Description = "A ledger scope (e.g. facet:/data/field1/work) or a facet parset. Default: a summary of every scope.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        var json = InstanceArguments.Json("Print the steps as a JSON array (result, products and undo as JSON) instead of a table.");
        var command = new Command("steps",
            "Show the steps ledger: what a pipeline's re-runs will skip and 'reset' can undo. Without an argument, one line per scope with its counts by status.")
        { scope, json };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            var target = parse.GetValue(scope);
            var wanted = target is not null && FacetParset.IsFacetTarget(target) ? FacetParset.Load(target).Scope : target;
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var steps = await session.Service<StepQueries>().ListAsync(wanted, cancellationToken).ConfigureAwait(false);
            if (parse.GetValue(json))
            {
                StateJson.Print(StateJson.Array(steps.Select(ToJson)));
                return ExitCodes.Success;
            }

            if (wanted is null)
            {
                Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-50} {1,9} {2,7} {3,6}  {4}", "scope", "completed", "running", "failed", "last change (UTC)"));
                foreach (var g in steps.GroupBy(s => s.Scope, StringComparer.Ordinal))
                {
                    Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-50} {1,9} {2,7} {3,6}  {4}", g.Key,
                        g.Count(s => s.Status == StepStatus.Completed), g.Count(s => s.Status == StepStatus.Running), g.Count(s => s.Status == StepStatus.Failed),
                        StateView.Time(g.Max(s => s.CompletedAt ?? s.StartedAt))));
                }

                return ExitCodes.Success;
            }

            if (steps.Count == 0)
            {
                throw CommandLineException.Failed($"no steps recorded for scope '{wanted}' in {session.Client.StoreDescription}");
            }

            Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-36} {1,-9} {2,-19} {3,8}  {4}", "step", "status", "started (UTC)", "seconds", "instance"));
            foreach (var s in steps)
            {
                var seconds = s.CompletedAt is { } end ? (end - s.StartedAt).TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) : "";
                Console.Out.WriteLine(string.Format(CultureInfo.InvariantCulture, "{0,-36} {1,-9} {2,-19} {3,8}  {4}{5}", s.Key, s.Status, StateView.Time(s.StartedAt), seconds, s.InstanceId,
                    s.Error is null ? "" : "  " + s.Error));
            }

            return ExitCodes.Success;
        });
        return command;
    }

    private static JsonObject ToJson(StepRecord s) => new()
    {
        ["scope"] = s.Scope,
        ["step"] = s.Key,
        ["status"] = s.Status,
        ["inputHash"] = s.InputHash,
        ["codeVersion"] = s.CodeVersion,
        ["instanceId"] = s.InstanceId,
        ["startedAt"] = s.StartedAt,
        ["completedAt"] = s.CompletedAt,
        ["result"] = StateJson.Raw(s.Result),
        ["products"] = new JsonArray([.. s.Products.Select(p => (JsonNode)p)]),
        ["undo"] = s.Undo is null ? null : new JsonObject { ["activity"] = s.Undo.Activity, ["input"] = StateJson.Raw(s.Undo.Input) },
        ["error"] = s.Error,
    };
}

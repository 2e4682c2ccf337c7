using System.CommandLine;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Activities.Kernels.Facet;
using Nightshift.Durable;
using Nightshift.Host.Cli;
using Nightshift.Host.Facet;
using Nightshift.Host.Hosting;
using Nightshift.Host.Store;
using Nightshift.Workflows.Facet;

namespace Nightshift.Host.Commands;

/// <summary><c>nightshift check PARSET|INSTANCE</c>: Factor's checkfactor, from the steps ledger.</summary>
internal static class CheckCommand
{
    public static Command Create()
    {
        var target = new Argument<string>("PARSET|INSTANCE") { Description = "A facet parset or a facet run's instance id." };
        var svg = new Option<string?>("--svg") { Description = "Where to write the facet map. Default: factor_check.svg in the working directory.", HelpName = "PATH" };
        var command = new Command("check",
            "Show a facet run's progress: per direction the state of facetselfcal, facetsub and facetimage, the selfcal verdict and the current step; and write an SVG map of the facets coloured by state.")
        { target, svg };
        CommandActions.Set(command, async (parse, cancellationToken) =>
        {
            var store = StoreLocation.Resolve(parse.GetValue(GlobalOptions.Db));
            await using var session = ClientSession.OpenExisting(store, parse.GetValue(GlobalOptions.Verbose));
            var (config, instance) = await FacetInstances.ResolveAsync(session, parse.GetRequiredValue(target), cancellationToken).ConfigureAwait(false);
            var steps = await FacetInstances.StepsAsync(session.Service<StepQueries>(), config, cancellationToken).ConfigureAwait(false);

            var title = instance is null ? $"{config.WorkingDir}: never run" : $"{config.WorkingDir}: instance {instance.InstanceId} {instance.Status}";
            Console.Out.WriteLine(title);
            if (instance?.ReadCustomStatusAs<FacetStatus>() is { } status)
            {
                var group = status.Group > 0 ? $", group {status.Group}/{status.Groups}" : "";
                Console.Out.WriteLine($"current: {status.State} {status.Operation}{group}{(status.Directions.Count > 0 ? " (" + string.Join(", ", status.Directions) + ")" : "")}{(status.Reason is null ? "" : " — " + status.Reason)}");
            }

            if (instance?.Status == OrchestrationStatus.Failed && instance.Failure is { } failure)
            {
                Console.Out.WriteLine($"failed: {failure.Summary}");
            }

            var chunks = FacetWorkspace.ChunkFiles(config.WorkingDir);
            var directionsFile = config.DirectionsFile ?? Path.Combine(config.WorkingDir, DirectionsFile.DefaultName);
            if (chunks.Count == 0 || !File.Exists(directionsFile))
            {
                Console.Out.WriteLine("no directions yet (the field has not been prepared or no directions file exists)");
                return ExitCodes.Success;
            }

            var centre = Visibilities.Read(chunks[0]);
            var directions = FacetPlan.Directions(new ChooseDirectionsInput(config.WorkingDir, config.InputDir, config.DirectionsFile, config.Selection, config.Settings), centre.RaDeg, centre.DecDeg, write: false).Directions;
            var rows = FacetCheck.Rows(config, directions, steps);
            Console.Out.WriteLine();
            FacetCheck.PrintTable(rows, steps, Console.Out);
            var map = parse.GetValue(svg) ?? Path.Combine(config.WorkingDir, "factor_check.svg");
            FacetCheck.WriteSvg(map, config, centre.RaDeg, centre.DecDeg, directions, rows, title);
            Console.Out.WriteLine();
            Console.Out.WriteLine($"map: {map}");
            return ExitCodes.Success;
        });
        return command;
    }
}

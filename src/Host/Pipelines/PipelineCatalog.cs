using Nightshift.Durable;
using Nightshift.Workflows.Demo;
using Nightshift.Workflows.Facet;
using Nightshift.Workflows.Lap;
using Nightshift.Workflows.Production;

namespace Nightshift.Host.Pipelines;

/// <summary>
/// Every pipeline this build knows, in one place: <c>run</c> looks names up here and every worker
/// (in-process or <c>nightshift worker</c>) registers all of them, so any worker can run any run.
/// </summary>
internal static class PipelineCatalog
{
    public static IReadOnlyList<Pipeline> All { get; } =
    [
        new Pipeline(
            "demo",
            "fans out chunks of prime counting and series sums over 1..chunks·size, then reduces, verifies against closed forms and summarises",
            DemoPipeline.Name,
            "{\"chunks\": 24, \"size\": 20000}; optional \"gate\": EVENT waits for 'nightshift raise ID EVENT' first, and \"haltFile\": PATH with \"haltChunk\": K fails chunk K while PATH exists (to try restart)",
            PipelineInput.Reader<DemoInput>(input => input.Validate()),
            builder => builder.AddDemo()),
        new Pipeline(
            "lap",
            "processes a synthetic survey as Pan-STARRS large-area processing does: chip, warp, stack, diff and destreak one run per projection cell, then a transient catalogue",
            LapPipeline.Name,
            "{\"outputDirectory\": \"lap-output\", \"executor\": \"inproc\" (or \"slurm\", \"local\": every kernel a batch job), \"survey\": {\"seed\": 42, \"projectionCellCount\": 2}, \"maxActiveRuns\": 2, \"runs\": [{\"cell\": \"PC000\"}], \"chipLimit\": 0.05, \"warpLimit\": 0.3, \"diffLimit\": 0.5, \"minStackInputs\": 6}",
            LapInput.Read,
            builder => builder.AddLap(),
            LapInput.Summarize),
        new Pipeline(
            "production",
            "SNfactory-style production: night plans per night, then target plans per target once their nights are done, each plan a batch job",
            ProductionPipeline.Name,
            "{\"name\": \"main\", \"codeVersion\": \"SNF-02-03\", \"outputVersion\": 0, \"mode\": \"full|incremental|flux\", \"raw\": \"snf-data/raw\", \"output\": \"productions\", \"noRegister\": false, \"keepGoing\": false, \"backend\": \"local|slurm\"}; optional \"nights\"/\"targets\": [...] and \"generate\": {\"nights\": 10, \"targets\": 3, \"seed\": 1} to synthesise missing raw data",
            PipelineInput.Reader<ProductionConfig>(c => c.Validate()),
            builder => builder.AddProduction()),
        new Pipeline(
            "facet",
            "self-calibrates a field facet by facet (Factor): directions, selfcal groups, subtraction, facet images, mosaic; usually run as 'nightshift run field.parset'",
            FacetPipeline.Name,
            "a FacetConfig as JSON: {\"workingDir\": DIR, \"inputDir\": DIR, …}; prefer a parset",
            Facet.FacetParset.ReadJsonInput,
            builder => builder.AddFacet()),
    ];

    /// <summary>The known names, comma-separated, for messages.</summary>
    public static string KnownNames => string.Join(", ", All.Select(p => p.Name));

    public static Pipeline? Find(string name) => All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.Ordinal));

    /// <summary>Registers the orchestrations and activities of every pipeline.</summary>
    public static NightshiftBuilder RegisterAll(NightshiftBuilder builder)
    {
        foreach (var pipeline in All)
        {
            pipeline.Register(builder);
        }

        return builder;
    }
}

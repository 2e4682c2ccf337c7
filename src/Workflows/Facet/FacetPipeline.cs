using Nightshift.Activities.Facet;
using Nightshift.Durable;

namespace Nightshift.Workflows.Facet;

/// <summary>Names and registration of the facet self-calibration pipeline.</summary>
public static class FacetPipeline
{
    /// <summary>The field orchestration.</summary>
    public const string Name = "FacetField";

    /// <summary>The per-direction selfcal orchestration.</summary>
    public const string Selfcal = "FacetSelfcal";

    /// <summary>The event that continues an interactive run after the directions were checked.</summary>
    public const string ContinueEvent = "continue";

    /// <summary>The event that asks a running instance to reset steps at its next safe point (payload <see cref="FacetResetRequest"/>).</summary>
    public const string ResetEvent = "facet-reset";

    /// <summary>The code version recorded with every facet step; bump it when a change must redo finished steps.</summary>
    public const string CodeVersion = "facet/1";

    /// <summary>Registers the orchestrations, the activities and the steps ledger.</summary>
    public static NightshiftBuilder AddFacet(this NightshiftBuilder builder) =>
        builder.AddFacetActivities()
            .AddOrchestrator<FacetFieldOrchestration>(Name)
            .AddOrchestrator<FacetSelfcalOrchestration>(Selfcal);
}

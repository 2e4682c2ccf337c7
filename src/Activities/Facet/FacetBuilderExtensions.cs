using Nightshift.Activities.Steps;
using Nightshift.Durable;

namespace Nightshift.Activities.Facet;

/// <summary>Adds the facet pipeline's activities (and the steps ledger they run under).</summary>
public static class FacetBuilderExtensions
{
    /// <summary>Registers the facet activities and the steps ledger.</summary>
    public static NightshiftBuilder AddFacetActivities(this NightshiftBuilder builder) =>
        builder.AddSteps()
            .AddTaskActivity<PrepareFieldActivity>(FacetActivityNames.Prepare)
            .AddTaskActivity<ChooseDirectionsActivity>(FacetActivityNames.Directions)
            .AddTaskActivity<SelfcalCycleActivity>(FacetActivityNames.SelfcalCycle)
            .AddTaskActivity<VerifySelfcalActivity>(FacetActivityNames.Verify)
            .AddTaskActivity<SubtractActivity>(FacetActivityNames.Subtract)
            .AddTaskActivity<AddBackActivity>(FacetActivityNames.AddBack)
            .AddTaskActivity<ImageFacetActivity>(FacetActivityNames.Image)
            .AddTaskActivity<MosaicActivity>(FacetActivityNames.Mosaic);
}

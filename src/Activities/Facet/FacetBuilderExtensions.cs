using Nightshift.Activities.Steps;
using Nightshift.Durable;

namespace Nightshift.Activities.Facet;

/// <summary>Adds the facet pipeline's activities (and the steps ledger they run under).</summary>
public static class FacetBuilderExtensions
{
    /// <summary>Registers the facet activities and the steps ledger.</summary>
    public static NightshiftBuilder AddFacetActivities(this NightshiftBuilder builder) =>
        builder.AddSteps()
            .AddActivity<PrepareFieldActivity>(FacetActivityNames.Prepare)
            .AddActivity<ChooseDirectionsActivity>(FacetActivityNames.Directions)
            .AddActivity<SelfcalCycleActivity>(FacetActivityNames.SelfcalCycle)
            .AddActivity<VerifySelfcalActivity>(FacetActivityNames.Verify)
            .AddActivity<SubtractActivity>(FacetActivityNames.Subtract)
            .AddActivity<AddBackActivity>(FacetActivityNames.AddBack)
            .AddActivity<ImageFacetActivity>(FacetActivityNames.Image)
            .AddActivity<MosaicActivity>(FacetActivityNames.Mosaic);
}

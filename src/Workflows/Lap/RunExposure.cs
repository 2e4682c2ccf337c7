using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>A run's working view of one exposure (orchestration-local; rebuilt identically on replay).</summary>
internal sealed class RunExposure(PlannedExposure plan)
{
    public PlannedExposure Plan { get; } = plan;

    public int ExpId => Plan.ExpId;

    public string Name => Plan.Name;

    public bool Owner { get; set; } = plan.Owner;

    public ExposureRecord? Record { get; set; } = plan.Record;

    public RunExposure? Companion { get; set; }

    public bool Private { get; set; }

    public bool Dropped { get; set; } = plan.Junk;

    public bool Postponed { get; set; }

    public bool Diffed { get; set; }

    public Dictionary<string, ImageProduct> Destreaked { get; } = new(StringComparer.Ordinal);

    public bool Usable => !Dropped && Record is { WarpBadFraction: not null };

    public ImageProduct? Warp(string skycell) => Record?.Warps.FirstOrDefault(w => w.Skycell == skycell)?.Product;
}

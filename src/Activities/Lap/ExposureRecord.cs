using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>
/// The per-sequence products of one exposure (LAP's chip_id): its chip and, once warped, its warps. Runs of a sequence share
/// it, so an exposure is chip- and warp-processed once per sequence.
/// </summary>
/// <param name="ExpId">Exposure id.</param>
/// <param name="Name">Exposure name.</param>
/// <param name="Chip">The detrended chip.</param>
/// <param name="ChipBadFraction">Masked fraction at the chip stage.</param>
/// <param name="WarpBadFraction">Masked fraction at the warp stage (null before warping).</param>
/// <param name="Warps">The warps, one per covered skycell (empty before warping).</param>
public sealed record ExposureRecord(int ExpId, string Name, ImageProduct Chip, double ChipBadFraction, double? WarpBadFraction, IReadOnlyList<WarpRef> Warps)
{
    /// <summary>True when every product file is still on disk (false once cleaned).</summary>
    public bool ProductsExist() => Chip.Exists() && Warps.All(w => w.Product.Exists());
}

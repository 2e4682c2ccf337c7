using System.Numerics;
using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Facet;

/// <summary>Images one direction's facet: the other directions subtracted with their solutions, this one's applied.</summary>
public static class FacetImager
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "facet-image-direction";

    /// <summary>
    /// The dirty image of direction <paramref name="direction"/> centred on it. With <paramref name="solutions"/> null the
    /// image is of the uncalibrated data (nothing subtracted, nothing applied), the baseline selfcal improves on.
    /// </summary>
    public static FitsImage Image(Visibilities vis, FacetLayout layout, Complex[][] models, GainTable? solutions, int direction, int size, double cellArcsec)
    {
        var work = vis.Clone();
        if (solutions is not null)
        {
            for (var e = 0; e < layout.Directions.Count; e++)
            {
                if (e != direction && solutions.Contains(layout.Directions[e].Name))
                {
                    Predictor.Subtract(work, StefCal.Corrupt(vis, models[e], solutions.For(layout.Directions[e].Name)));
                }
            }

            StefCal.Correct(work, solutions.For(layout.Directions[direction].Name));
        }

        var d = layout.Directions[direction];
        var image = Imager.Dirty(work, d.RaDeg, d.DecDeg, size, cellArcsec);
        image.Header.Set("DIRNAME", d.Name, "calibration direction");
        image.Header.Set("CALIBRAT", solutions is not null, "direction-dependent solutions applied");
        return image;
    }
}

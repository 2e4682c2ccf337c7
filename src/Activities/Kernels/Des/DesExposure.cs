namespace Nightshift.Activities.Kernels.Des;

/// <summary>One exposure of the synthetic night.</summary>
/// <param name="ExpNum">The exposure number (DES EXPNUM).</param>
/// <param name="Field">The field observed.</param>
/// <param name="Kind">Template or search.</param>
/// <param name="Band">The filter.</param>
/// <param name="Mjd">Modified Julian date of the start.</param>
/// <param name="ExpTime">Exposure time, seconds.</param>
/// <param name="RaDeg">Telescope pointing (what the header says), degrees.</param>
/// <param name="DecDeg">Telescope pointing, degrees.</param>
/// <param name="Ccds">The CCDs that have a raw file.</param>
public sealed record DesExposure(int ExpNum, string Field, DesExposureKind Kind, string Band, double Mjd, double ExpTime,
    double RaDeg, double DecDeg, IReadOnlyList<int> Ccds);

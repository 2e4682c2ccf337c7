namespace Nightshift.Activities.Kernels.Lap;

/// <summary>What the difference stage produced for one science/template pair on one skycell.</summary>
/// <param name="Skycell">The skycell name.</param>
/// <param name="Output">The difference image (science − PSF-matched template), variance and mask.</param>
/// <param name="CatalogPath">CSV catalogue of detections (x, y, ra, dec, flux, flux_err, significance).</param>
/// <param name="Detections">The same detections.</param>
/// <param name="BadFraction">Fraction of the science warp's covered pixels that are masked in the difference.</param>
/// <param name="NoiseCorrection">Measured scatter of the significance image before renormalisation (1 = variance exactly right).</param>
/// <param name="PsfSigma">PSF sigma of the difference (the broader input), pixels.</param>
/// <param name="MatchingSigma">Sigma of the Gaussian that matched the sharper input to the broader, pixels (0 when equal).</param>
public sealed record DiffResult(
    string Skycell, ImageProduct Output, string CatalogPath, IReadOnlyList<DiffDetection> Detections, double BadFraction, double NoiseCorrection,
    double PsfSigma, double MatchingSigma);

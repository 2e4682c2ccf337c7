using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>One processed CCD given to difference imaging: its sky-subtracted image, PSF model and calibration.</summary>
/// <param name="Image">The sky-subtracted image product (with the fitted WCS).</param>
/// <param name="Psf">The PSF model JSON.</param>
/// <param name="Calibration">The calibration JSON.</param>
public sealed record DesTemplateInput(ImageProduct Image, string Psf, string Calibration);

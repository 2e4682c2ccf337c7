using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>What difference imaging of one search CCD produced.</summary>
/// <param name="Output">The difference image, variance and mask.</param>
/// <param name="CandidateCatalog">The candidates (CSV).</param>
/// <param name="Candidates">The candidates.</param>
/// <param name="TemplatesUsed">Template images that overlapped and were subtracted.</param>
/// <param name="TemplatesSkipped">Templates left out, each with the reason.</param>
/// <param name="CoveredFraction">Fraction of the search CCD with good template coverage.</param>
/// <param name="PsfSigma">PSF sigma both images were matched to, pixels.</param>
/// <param name="NoiseCorrection">Robust scatter of the significance image (1 for ideal noise).</param>
public sealed record DiffImagingResult(ImageProduct Output, string CandidateCatalog, IReadOnlyList<DesCandidate> Candidates,
    IReadOnlyList<string> TemplatesUsed, IReadOnlyList<string> TemplatesSkipped, double CoveredFraction, double PsfSigma, double NoiseCorrection);

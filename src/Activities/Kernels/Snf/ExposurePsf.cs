namespace Nightshift.Activities.Kernels.Snf;

/// <summary>gs_psf's PSF model of one science exposure: σ at 5000 Å (spaxels) and the chromatic index α (σ ∝ λ^α).</summary>
internal sealed record ExposurePsf(string Id, string Target, double SigmaReference, double Alpha);

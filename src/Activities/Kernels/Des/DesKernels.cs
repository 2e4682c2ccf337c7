using System.Globalization;
using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>Registers the DES single-epoch and difference-imaging kernels (<c>des-*</c>), each working on files.</summary>
internal static class DesKernels
{
    public static KernelRegistry AddDes(this KernelRegistry registry)
        => registry
            .Add(new DesFileKernel(DesNightGenerator.Name, "--output DIR [--fields N] [--ccds 1,3,...] [--seed N]",
                "write a synthetic DECam-like night (raw CCDs, calibrations, reference catalogue, truth)", ["output", "fields", "ccds", "seed"], a =>
                {
                    var config = new DesNightConfig();
                    if (a.Optional("fields") is not null)
                    {
                        config = config with { Fields = a.Integer("fields", 1) };
                    }

                    if (a.Optional("seed") is not null)
                    {
                        config = config with { Seed = a.Integer("seed", 0) };
                    }

                    if (a.Optional("ccds") is { } ccds)
                    {
                        config = config with { Ccds = [.. ccds.Split(',').Select(c => int.TryParse(c, NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) ? v : throw new KernelUsageException($"'{c}' is not a CCD number"))] };
                    }

                    var night = DesNightGenerator.Generate(config, a.Required("output"));
                    return $"{night.Exposures.Count} exposures of {night.Exposures[0].Ccds.Count} CCDs in {night.RootDirectory}";
                }))
            .Add(new DesFileKernel(DetrendKernel.Name, "--raw FILE --bias FILE --flat FILE --bpm FILE --output BASE",
                "bias, flat and bad-pixel mask; writes BASE.fits, BASE.var.fits, BASE.mask.fits", ["raw", "bias", "flat", "bpm", "output"], a =>
                {
                    var r = DetrendKernel.Run(a.Required("raw"), a.Required("bias"), a.Required("flat"), a.Required("bpm"), a.Required("output"));
                    return $"{r.Output.Image}, {r.MaskedFraction:P2} masked, {r.SaturatedPixels} saturated pixels";
                }))
            .Add(new DesFileKernel(ExtractKernel.Name, "--image BASE.fits --output CATALOG.csv",
                "background-subtracted detection and aperture photometry", ["image", "output"], a =>
                {
                    var r = ExtractKernel.Run(Product(a.Required("image")), a.Required("output"));
                    return $"{r.Sources} sources, background {r.Background:F1}, noise {r.Noise:F2}";
                }))
            .Add(new DesFileKernel(AstrometryKernel.Name, "--image BASE.fits --sources CATALOG.csv --reference GAIA.csv --output CATALOG.csv --solution WCS.json",
                "match to the reference catalogue and fit the CCD's WCS", ["image", "sources", "reference", "output", "solution"], a =>
                {
                    var r = AstrometryKernel.Run(a.Required("image"), a.Required("sources"), a.Required("reference"), a.Required("output"), a.Required("solution"));
                    return $"{r.Matched} matches, rms {r.RmsPixels:F3} px, shift {r.ShiftPixels:F2} px{(r.Flagged ? ", FLAGGED: " + r.Reason : string.Empty)}";
                }))
            .Add(new DesFileKernel(SkyKernel.Name, "--image BASE.fits --sources CATALOG.csv --solution WCS.json --output BASE",
                "subtract a source-masked smooth sky; output on the fitted WCS", ["image", "sources", "solution", "output"], a =>
                {
                    var r = SkyKernel.Run(Product(a.Required("image")), a.Required("sources"), a.Required("solution"), a.Required("output"));
                    return $"sky {r.SkyLevel:F1} (range {r.SkyRange:F1}), residual rms {r.ResidualRms:F2}";
                }))
            .Add(new DesFileKernel(PsfKernel.Name, "--image BASE.fits --sources CATALOG.csv --output PSF.json",
                "fit the CCD's Gaussian PSF on reference-matched stars", ["image", "sources", "output"], a =>
                {
                    var r = PsfKernel.Run(Product(a.Required("image")), a.Required("sources"), a.Required("output"));
                    return $"sigma {r.Sigma:F3} px from {r.Stars} stars{(r.Flagged ? ", FLAGGED" : string.Empty)}";
                }))
            .Add(new DesFileKernel(CatalogKernel.Name, "--image BASE.fits --sources CATALOG.csv --psf PSF.json --output CATALOG.csv",
                "PSF photometry of every source", ["image", "sources", "psf", "output"], a =>
                {
                    var r = CatalogKernel.Run(Product(a.Required("image")), a.Required("sources"), a.Required("psf"), a.Required("output"));
                    return $"{r.Measured} of {r.Sources} sources measured";
                }))
            .Add(new DesFileKernel(CalibrationKernel.Name, "--catalog CATALOG.csv --output ZP.json [--min-stars N]",
                "BLISS-style zero point from reference stars with outlier rejection", ["catalog", "output", "min-stars"], a =>
                {
                    var min = a.Optional("min-stars") is null ? CalibrationKernel.MinimumStars : a.Integer("min-stars", 1);
                    var r = CalibrationKernel.Run(a.Required("catalog"), a.Required("output"), min);
                    return r.Flagged ? $"FLAGGED: {r.Reason}" : $"zero point {r.ZeroPoint:F4} ± {r.ZeroPointError:F4} from {r.Used} of {r.Matched} stars";
                }))
            .Add(new DesFileKernel(DiffImagingKernel.Name,
                "--search BASE.fits --search-psf PSF.json --search-zp ZP.json (--template BASE.fits --template-psf PSF.json --template-zp ZP.json)... --output BASE",
                "PSF-matched difference against overlapping templates, with candidates (BASE.cand.csv)",
                ["search", "search-psf", "search-zp", "template", "template-psf", "template-zp", "output"], a =>
                {
                    var t = a.All("template");
                    if (t.Count == 0 || a.All("template-psf").Count != t.Count || a.All("template-zp").Count != t.Count)
                    {
                        throw new KernelUsageException("give --template, --template-psf and --template-zp once per template, at least one");
                    }

                    var templates = t.Select((image, k) => new DesTemplateInput(Product(image), a.All("template-psf")[k], a.All("template-zp")[k])).ToList();
                    var r = DiffImagingKernel.Run(new DesTemplateInput(Product(a.Required("search")), a.Required("search-psf"), a.Required("search-zp")), templates,
                        a.Required("output"));
                    return $"{r.Candidates.Count} candidates, {r.TemplatesUsed.Count} templates, {r.CoveredFraction:P1} covered";
                }));

    private static ImageProduct Product(string image) =>
        image.EndsWith(".fits", StringComparison.Ordinal) && !image.EndsWith(".var.fits", StringComparison.Ordinal) && !image.EndsWith(".mask.fits", StringComparison.Ordinal)
            ? ImageProduct.ForBase(image[..^".fits".Length])
            : throw new KernelUsageException($"'{image}' is not the image of a product (BASE.fits)");
}

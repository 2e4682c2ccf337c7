namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_gs_psf: the PSF of every good science exposure, whose own cube is confused by the host galaxy: the seeing
/// from the field stars on its photometric channel (6000 Å), carried to 5000 Å with the night's chromatic index α
/// (the median over the night's standards as extract_star fitted them).
/// </summary>
internal sealed class GsPsfKernel : SnfKernel
{
    public override string Name => "snf.gs_psf";

    public override string Description => "snf.gs_psf --raw DIR --prod DIR --night NIGHT: PSF model per science exposure (nights/NIGHT/psf.json)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var night = args.Text("night");
        var good = GoodExposures(layout, night);
        var exposures = ReadNight(layout, night).Exposures;
        var alphas = exposures.Where(e => e.Kind == ExposureLog.Standard && good.Contains(e.Id))
            .Select(e => SnfLayout.Read<StarSpectrum>(Path.Combine(layout.Stars(night), e.Id + ".json")).Alpha).ToList();
        if (alphas.Count == 0)
        {
            throw new SnfDataException($"night {night}: no extracted standard star in {layout.Stars(night)} to measure the PSF's chromatic index");
        }

        var alpha = SnfFit.Median(alphas);
        var fields = SnfLayout.Read<Dictionary<string, List<FieldStar>>>(layout.Fields);
        var models = new List<ExposurePsf>();
        foreach (var exposure in exposures.Where(e => e.Kind == ExposureLog.Science && good.Contains(e.Id)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = layout.PhotometricFrame(night, exposure.Id);
            var field = fields.TryGetValue(exposure.Object, out var f) ? f : throw new SnfDataException($"{layout.Fields}: no field stars for target {exposure.Object}");
            var (sigma, _) = FieldFitter.Fit(SnfLayout.ReadFits(path), field, path);
            var reference = sigma / Math.Pow(SnfInstrument.PhotometricWavelength / SnfInstrument.ReferenceWavelength, alpha);
            models.Add(new ExposurePsf(exposure.Id, exposure.Object, reference, alpha));
        }

        SnfLayout.Write(layout.GuidePsf(night), models);
        return $"night {night}: {models.Count} PSF models, alpha {alpha:F3}";
    }
}

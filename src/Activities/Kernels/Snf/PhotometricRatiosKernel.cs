namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_photometric_ratios: PSF photometry of the field stars on the photometric channel of every good science
/// exposure; the flux solution compares them with the same stars on a photometric night to measure the clouds.
/// </summary>
internal sealed class PhotometricRatiosKernel : SnfKernel
{
    public override string Name => "snf.photometric_ratios";

    public override string Description => "snf.photometric_ratios --raw DIR --prod DIR --night NIGHT: field-star fluxes per science exposure (nights/NIGHT/ratios.json)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var night = args.Text("night");
        var good = GoodExposures(layout, night);
        var fields = SnfLayout.Read<Dictionary<string, List<FieldStar>>>(layout.Fields);
        var results = new List<ExposureFieldFlux>();
        foreach (var exposure in ReadNight(layout, night).Exposures.Where(e => e.Kind == ExposureLog.Science && good.Contains(e.Id)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var field = fields.TryGetValue(exposure.Object, out var f) ? f : throw new SnfDataException($"{layout.Fields}: no field stars for target {exposure.Object}");
            var path = layout.PhotometricFrame(night, exposure.Id);
            var (sigma, fluxes) = FieldFitter.Fit(SnfLayout.ReadFits(path), field, path);
            results.Add(new ExposureFieldFlux(exposure.Id, exposure.Object, exposure.Mjd, exposure.Exptime, exposure.Airmass, sigma, fluxes));
        }

        SnfLayout.Write(layout.Ratios(night), results);
        return $"night {night}: {results.Count} science exposures measured";
    }
}

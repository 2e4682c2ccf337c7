namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_flux_solution: the calibration of every good epoch of a target. On a photometric night it is the night's own
/// extinction solution at the epoch's airmass. On a cloudy night the zero point and extinction come from the
/// target's reference epoch (its latest good epoch on a photometric night) and the grey cloud transmission from
/// photometric ratios: the median flux ratio of the field stars between the two epochs, corrected for airmass.
/// </summary>
internal sealed class FluxSolutionKernel : SnfKernel
{
    public override string Name => "snf.flux_solution";

    public override string Description => "snf.flux_solution --raw DIR --prod DIR --target T --nights N1,N2,...: calibration per epoch (targets/T/fluxsol.json)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var target = args.Text("target");
        var nights = args.List("nights");
        var epochs = new List<(string Night, ExposureLog Log, ExposureFieldFlux Field, ExtinctionSolution Extinction, bool Photometric)>();
        foreach (var night in nights)
        {
            var good = GoodExposures(layout, night);
            var ratios = SnfLayout.Read<List<ExposureFieldFlux>>(layout.Ratios(night)).ToDictionary(r => r.Id, StringComparer.Ordinal);
            var extinction = SnfLayout.Read<ExtinctionSolution>(layout.Extinction(night));
            var photometric = SnfLayout.Read<NightPhotometricity>(layout.Photometricity(night)).Photometric;
            foreach (var log in ReadNight(layout, night).Exposures.Where(e => e.Kind == ExposureLog.Science && e.Object == target && good.Contains(e.Id)))
            {
                var field = ratios.TryGetValue(log.Id, out var r) ? r : throw new SnfDataException($"{layout.Ratios(night)}: no field-star fluxes for exposure {log.Id}");
                epochs.Add((night, log, field, extinction, photometric));
            }
        }

        var reference = epochs.Where(e => e.Photometric).OrderBy(e => e.Log.Mjd).LastOrDefault();
        if (reference.Log is null)
        {
            throw new SnfDataException($"target {target}: no good exposure on a photometric night among nights {string.Join(", ", nights)}; nothing to anchor the flux scale");
        }

        var wavelengths = SnfInstrument.Wavelengths();
        var kReference = Interpolate(wavelengths, reference.Extinction.K, SnfInstrument.PhotometricWavelength);
        var calibrations = new List<EpochCalibration>();
        foreach (var (night, log, field, extinction, photometric) in epochs.OrderBy(e => e.Log.Mjd))
        {
            double cloud;
            double[] factor;
            if (photometric)
            {
                cloud = 1;
                factor = wavelengths.Select((_, b) => log.Exptime * Math.Pow(10, -0.4 * (extinction.Zp[b] + (extinction.K[b] * log.Airmass)))).ToArray();
            }
            else
            {
                var ratio = SnfFit.Median(field.Fluxes.Select((f, i) => (f / field.Exptime) / (reference.Field.Fluxes[i] / reference.Field.Exptime)));
                cloud = ratio * Math.Pow(10, 0.4 * kReference * (log.Airmass - reference.Log.Airmass));
                var zp = reference.Extinction.Zp;
                var k = reference.Extinction.K;
                factor = wavelengths.Select((_, b) => log.Exptime * Math.Pow(10, -0.4 * (zp[b] + (k[b] * log.Airmass))) * cloud).ToArray();
            }

            calibrations.Add(new EpochCalibration(log.Id, night, log.Mjd, photometric, log.Id == reference.Log.Id, log.Airmass, cloud, factor));
        }

        SnfLayout.Write(layout.FluxSolution(target), new TargetFluxSolution(target, reference.Log.Id, calibrations));
        return $"target {target}: {calibrations.Count} epochs, {calibrations.Count(c => !c.Photometric)} on cloudy nights, reference {reference.Log.Id}";
    }

    private static double Interpolate(double[] x, double[] y, double at)
    {
        for (var i = 0; i < x.Length - 1; i++)
        {
            if (at <= x[i + 1])
            {
                return y[i] + ((y[i + 1] - y[i]) * (at - x[i]) / (x[i + 1] - x[i]));
            }
        }

        return y[^1];
    }
}

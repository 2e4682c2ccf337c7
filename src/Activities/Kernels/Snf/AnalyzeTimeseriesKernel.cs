namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_analyze_timeseries: the light curve of a target (total flux and two synthetic bands per epoch, with the
/// photometric flag of each night) and its maximum, from a Gaussian in time fitted to the total flux of the
/// supernova epochs (the brightest point, and width 0, when there are fewer than three).
/// </summary>
internal sealed class AnalyzeTimeseriesKernel : SnfKernel
{
    public override string Name => "snf.analyze_timeseries";

    public override string Description => "snf.analyze_timeseries --raw DIR --prod DIR --target T: light curve and maximum (targets/T/lightcurve.json)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var target = args.Text("target");
        var spectra = SnfLayout.Read<TargetSpectra>(layout.Spectra(target));
        var points = spectra.Epochs.OrderBy(e => e.Mjd)
            .Select(e => new LightCurvePoint(e.Night, e.Mjd, e.Photometric, e.Flux.Sum(), e.Flux[1] + e.Flux[2], e.Flux[5] + e.Flux[6]))
            .ToList();
        var supernova = points.Where((_, i) => !spectra.Epochs.OrderBy(e => e.Mjd).ElementAt(i).Reference).ToList();
        if (supernova.Count == 0)
        {
            throw new SnfDataException($"{layout.Spectra(target)}: no supernova epoch, only the reference");
        }

        var brightest = supernova.MaxBy(p => p.Total)!;
        double peakMjd = brightest.Mjd, peakFlux = brightest.Total, width = 0;
        if (supernova.Count >= 3)
        {
            var fit = SnfFit.Simplex(
                p => p[2] <= 0 ? double.MaxValue : supernova.Sum(x => Math.Pow(x.Total - (p[0] * Math.Exp(-0.5 * Math.Pow((x.Mjd - p[1]) / p[2], 2))), 2)),
                [brightest.Total, brightest.Mjd, supernova.Max(p => p.Mjd) - supernova.Min(p => p.Mjd)],
                [brightest.Total * 0.1, 1, 1]);
            (peakFlux, peakMjd, width) = (fit[0], fit[1], fit[2]);
        }

        SnfLayout.Write(layout.LightCurve(target), new LightCurve(target, points, peakMjd, peakFlux, width));
        return $"target {target}: {points.Count} epochs, maximum {peakFlux:F1} photons/s at MJD {peakMjd:F2}";
    }
}

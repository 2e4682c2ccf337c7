namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_multi_standard: the night's extinction solution from its standards, per wavelength bin a straight line of
/// instrumental-minus-catalogue magnitude against airmass (zero point and extinction coefficient), and the scatter of
/// every standard about it, which photometricity reads.
/// </summary>
internal sealed class MultiStandardKernel : SnfKernel
{
    public override string Name => "snf.multi_standard";

    public override string Description => "snf.multi_standard --raw DIR --prod DIR --night NIGHT: per-night extinction and zero point (nights/NIGHT/extinction.json)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var night = args.Text("night");
        var good = GoodExposures(layout, night);
        var stars = ReadNight(layout, night).Exposures
            .Where(e => e.Kind == ExposureLog.Standard && good.Contains(e.Id))
            .Select(e => SnfLayout.Read<StarSpectrum>(Path.Combine(layout.Stars(night), e.Id + ".json")))
            .ToList();
        if (stars.Count < 2 || stars.Max(s => s.Airmass) - stars.Min(s => s.Airmass) < 0.2)
        {
            throw new SnfDataException($"night {night}: an extinction solution needs two good standards at least 0.2 airmass apart, found {stars.Count} ({string.Join(", ", stars.Select(s => $"{s.Id} X={s.Airmass:F2}"))})");
        }

        var wavelengths = SnfInstrument.Wavelengths();
        var zp = new double[SnfInstrument.Bins];
        var k = new double[SnfInstrument.Bins];
        var squares = 0.0;
        var airmass = stars.Select(s => s.Airmass).ToArray();
        for (var b = 0; b < SnfInstrument.Bins; b++)
        {
            var mags = stars.Select(s => -2.5 * Math.Log10(Math.Max(s.Flux[b], 1e-9) / (s.Exptime * SnfInstrument.StandardFlux(s.Object, wavelengths[b])))).ToArray();
            (zp[b], k[b]) = MathNet.Numerics.Fit.Line(airmass, mags);
            squares += mags.Select((m, i) => Math.Pow(m - zp[b] - (k[b] * airmass[i]), 2)).Sum();
        }

        var rms = Math.Sqrt(squares / (stars.Count * SnfInstrument.Bins));
        SnfLayout.Write(layout.Extinction(night), new ExtinctionSolution(night, wavelengths, zp, k, rms, stars.Count, stars.Select(s => s.Id).ToList()));
        return $"night {night}: {stars.Count} standards, rms {rms:F4} mag, k(3800 Å) {k[0]:F3}, k(9200 Å) {k[^1]:F3}";
    }
}

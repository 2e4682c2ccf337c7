namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_extract_star, both night- and target-oriented. With <c>--night</c>: PSF-fit photometry of every good standard
/// star cube, wavelength slice by slice (position from the white-light image, width fitted per slice, then
/// σ(λ) = σ₅₀₀₀ (λ/5000)^α fitted) into <c>nights/NIGHT/stars/EXP.json</c>. With <c>--target</c>: the point source
/// of every host-subtracted cube at cubefit's position with gs_psf's PSF, into <c>targets/T/spectra.json</c>.
/// </summary>
internal sealed class ExtractStarKernel : SnfKernel
{
    public override string Name => "snf.extract_star";

    public override string Description => "snf.extract_star --raw DIR --prod DIR (--night NIGHT | --target T --nights N1,N2,...): PSF-fit spectra";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
        => args.Optional("target") is { } target ? Target(args, target, cancellationToken) : Night(args, cancellationToken);

    private static string Night(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var night = args.Text("night");
        var good = GoodExposures(layout, night);
        var wavelengths = SnfInstrument.Wavelengths();
        var count = 0;
        foreach (var exposure in ReadNight(layout, night).Exposures.Where(e => e.Kind == ExposureLog.Standard && good.Contains(e.Id)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cube = SnfCube.Read(layout.Cube(night, exposure.Id));
            var white = new double[SnfInstrument.Side * SnfInstrument.Side];
            for (var b = 0; b < SnfInstrument.Bins; b++)
            {
                var slice = cube.Slice(b);
                for (var s = 0; s < white.Length; s++)
                {
                    white[s] += slice[s];
                }
            }

            var (x, y, _) = StarFitter.Locate(white);
            var flux = new double[SnfInstrument.Bins];
            var sigma = new double[SnfInstrument.Bins];
            for (var b = 0; b < SnfInstrument.Bins; b++)
            {
                (flux[b], sigma[b]) = StarFitter.FitSlice(cube.Slice(b), x, y);
            }

            var (logSigma, alpha) = MathNet.Numerics.Fit.Line(
                wavelengths.Select(l => Math.Log(l / SnfInstrument.ReferenceWavelength)).ToArray(), sigma.Select(s => Math.Log(s)).ToArray());
            SnfLayout.Write(Path.Combine(layout.Stars(night), exposure.Id + ".json"),
                new StarSpectrum(exposure.Id, exposure.Object, exposure.Airmass, exposure.Exptime, exposure.Mjd, x, y, Math.Exp(logSigma), alpha, flux, sigma));
            count++;
        }

        return $"night {night}: {count} standard stars extracted";
    }

    private static string Target(SnfArgs args, string target, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var solution = SnfLayout.Read<TargetFluxSolution>(layout.FluxSolution(target));
        var host = SnfLayout.Read<HostModel>(layout.HostModel(target));
        var psf = GuidePsf.Load(layout, args.List("nights"));
        var epochs = new List<EpochSpectrum>();
        foreach (var epoch in solution.Epochs)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var cube = SnfCube.Read(Path.Combine(layout.SubtractedCubes(target), epoch.Id + ".fits"));
            var model = GuidePsf.Find(psf, epoch.Id, layout);
            var flux = new double[SnfInstrument.Bins];
            for (var b = 0; b < SnfInstrument.Bins; b++)
            {
                flux[b] = StarFitter.FluxAt(cube.Slice(b), host.SourceX, host.SourceY, SnfInstrument.Seeing(model.SigmaReference, SnfInstrument.Wavelength(b), model.Alpha));
            }

            epochs.Add(new EpochSpectrum(epoch.Id, epoch.Night, epoch.Mjd, epoch.Photometric, epoch.Reference, flux));
        }

        SnfLayout.Write(layout.Spectra(target), new TargetSpectra(target, SnfInstrument.Wavelengths(), epochs));
        return $"target {target}: {epochs.Count} spectra";
    }
}

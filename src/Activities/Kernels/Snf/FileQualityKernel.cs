namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// plan_file_quality: statistics of every raw frame of a night (bias and read noise from the overscan, saturated
/// fraction, median signal) and a verdict; a frame with saturated blocks or a noisy readout is flagged bad, with why.
/// </summary>
internal sealed class FileQualityKernel : SnfKernel
{
    public const double MaxSaturatedFraction = 0.005;
    public const double MaxNoise = 4 * SnfInstrument.ReadNoise;

    public override string Name => "snf.file_quality";

    public override string Description => "snf.file_quality --raw DIR --prod DIR --night NIGHT: frame statistics, bad frames flagged (nights/NIGHT/quality.json)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var night = args.Text("night");
        var log = ReadNight(layout, night);
        var report = new List<FrameQuality>();
        foreach (var exposure in log.Exposures)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var path = layout.RawFrame(night, exposure.Id);
            var image = SnfLayout.ReadFits(path);
            if (image.Width != SnfInstrument.Overscan + SnfInstrument.Bins || image.Height != SnfInstrument.Side * SnfInstrument.Side)
            {
                throw new SnfDataException($"{path}: a raw frame is {SnfInstrument.Overscan + SnfInstrument.Bins}×{SnfInstrument.Side * SnfInstrument.Side}, not {image.Width}×{image.Height}");
            }

            var overscan = new List<double>();
            var data = new List<double>();
            for (var row = 0; row < image.Height; row++)
            {
                for (var col = 0; col < image.Width; col++)
                {
                    (col < SnfInstrument.Overscan ? overscan : data).Add(image.Pixels[(row * image.Width) + col]);
                }
            }

            var bias = SnfFit.Median(overscan);
            var noise = 1.4826 * SnfFit.Median(overscan.Select(v => Math.Abs(v - bias)));
            var saturated = data.Count(v => v >= SnfInstrument.Saturation) / (double)data.Count;
            var reason = saturated > MaxSaturatedFraction ? $"saturated: {saturated:P1} of pixels at {SnfInstrument.Saturation}"
                : noise > MaxNoise ? $"noisy readout: overscan noise {noise:F0} counts (read noise {SnfInstrument.ReadNoise})"
                : null;
            report.Add(new FrameQuality(exposure.Id, exposure.Kind, exposure.Object, bias, noise, saturated, SnfFit.Median(data) - bias, reason is null, reason));
        }

        SnfLayout.Write(layout.Quality(night), report);
        return $"night {night}: {report.Count} frames, {report.Count(q => !q.Good)} bad";
    }
}

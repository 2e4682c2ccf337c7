namespace Nightshift.Activities.Kernels.Snf;

/// <summary>plan_cube_generation: bias (overscan median) subtracted, flat-fielded (x, y, λ) cubes of a night's good frames.</summary>
internal sealed class CubeGenerationKernel : SnfKernel
{
    public override string Name => "snf.cube_generation";

    public override string Description => "snf.cube_generation --raw DIR --prod DIR --night NIGHT: cubes of the good frames (nights/NIGHT/cubes/)";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var layout = args.Layout();
        var night = args.Text("night");
        var quality = SnfLayout.Read<List<FrameQuality>>(layout.Quality(night));
        var flat = SnfLayout.ReadFits(layout.Flat);
        if (flat.Pixels.Length != SnfInstrument.Side * SnfInstrument.Side || flat.Pixels.Any(f => f <= 0))
        {
            throw new SnfDataException($"{layout.Flat}: expected {SnfInstrument.Side}×{SnfInstrument.Side} positive responses");
        }

        var count = 0;
        foreach (var frame in quality.Where(q => q.Good))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var raw = SnfLayout.ReadFits(layout.RawFrame(night, frame.Id));
            var spaxels = SnfInstrument.Side * SnfInstrument.Side;
            var data = new double[spaxels, SnfInstrument.Bins];
            for (var s = 0; s < spaxels; s++)
            {
                for (var b = 0; b < SnfInstrument.Bins; b++)
                {
                    data[s, b] = (raw.Pixels[(s * raw.Width) + SnfInstrument.Overscan + b] - frame.Bias) / flat.Pixels[s];
                }
            }

            var header = raw.Header.Clone();
            header.Set("BIAS", frame.Bias, "subtracted, from the overscan");
            header.AddHistory("snf.cube_generation: bias subtracted, flat-fielded");
            new SnfCube(data, header).Write(layout.Cube(night, frame.Id));
            count++;
        }

        return $"night {night}: {count} cubes";
    }
}

namespace Nightshift.Activities.Kernels.Snf;

/// <summary><c>snf.generate</c>: writes a synthetic data set (raw/ and truth.json) under a directory.</summary>
internal sealed class GenerateKernel : SnfKernel
{
    public override string Name => "snf.generate";

    public override string Description => "snf.generate --root DIR [--nights N] [--targets M] [--seed S] [--write-nights K]: synthetic SNfactory raw data and truth";

    protected override string Run(SnfArgs args, CancellationToken cancellationToken)
    {
        var options = new SnfSurveyOptions
        {
            Nights = (int)args.Number("nights", 10),
            Targets = (int)args.Number("targets", 3),
            Seed = (int)args.Number("seed", 1),
            WriteNights = args.Optional("write-nights") is null ? null : (int)args.Number("write-nights", 0),
        };
        if (options.Validate() is { } problem)
        {
            throw new SnfUsageException($"{Name}: {problem}");
        }

        var truth = SnfGenerator.Generate(options, args.Text("root"));
        return $"{truth.Nights.Count} nights ({truth.Nights.Count(n => !n.Photometric)} cloudy), {truth.Targets.Count} targets";
    }
}

using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>
/// <c>lap-magic (--diff IMAGE --science IMAGE --science-output BASE [--template IMAGE --template-output BASE])…</c>: destreaks
/// one exposure (or pair) over all its skycells at once; the n-th of each option make the n-th skycell. Templates are given
/// for every skycell or for none (a private exposure's template is a stack, which is not rewritten).
/// </summary>
internal sealed class MagicFileKernel : LapFileKernel
{
    public override string Name => MagicKernel.Name;

    protected override string Usage => "--diff IMAGE --science IMAGE --science-output BASE [--template IMAGE --template-output BASE] [...]";

    protected override string Summary => "find satellite streaks in an exposure's differences and mask them in its warps";

    protected override IReadOnlyCollection<string> Options => ["diff", "science", "science-output", "template", "template-output"];

    protected override void Validate(KernelArguments arguments)
    {
        var n = arguments.All("diff").Count;
        var templates = arguments.All("template").Count;
        if (n == 0 || arguments.All("science").Count != n || arguments.All("science-output").Count != n
            || (templates != 0 && templates != n) || arguments.All("template-output").Count != templates)
        {
            throw new KernelUsageException("give --diff, --science and --science-output once per skycell, and --template with --template-output for every skycell or for none");
        }

        foreach (var image in arguments.All("diff").Concat(arguments.All("science")).Concat(arguments.All("template")))
        {
            Product(image);
        }
    }

    protected override (object Result, string Line) Run(KernelArguments arguments)
    {
        var diffs = arguments.All("diff");
        var science = arguments.All("science");
        var scienceOutput = arguments.All("science-output");
        var template = arguments.All("template");
        var templateOutput = arguments.All("template-output");
        var inputs = diffs.Select((d, k) => new MagicInput(
            Product(d), Product(science[k]), template.Count == 0 ? null : Product(template[k]), scienceOutput[k], template.Count == 0 ? null : templateOutput[k])).ToList();
        var results = MagicKernel.RunExposure(inputs);
        return (results, $"{inputs.Count} skycells, {results.Sum(r => r.Streaks.Count)} streaks, {results.Sum(r => r.MaskedScience + r.MaskedTemplate)} pixels masked");
    }
}

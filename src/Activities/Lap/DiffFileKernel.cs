using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>
/// <c>lap-diff (--science IMAGE --template IMAGE --output BASE)…</c>: the differences of one exposure, one per skycell; the
/// n-th <c>--science</c>, <c>--template</c> and <c>--output</c> make the n-th difference. The result is the list of them.
/// </summary>
internal sealed class DiffFileKernel : LapFileKernel
{
    public override string Name => DiffKernel.Name;

    protected override string Usage => "--science IMAGE --template IMAGE --output BASE [...]";

    protected override string Summary => "PSF-matched differences (science - template) with their detection catalogues (BASE.cat.csv)";

    protected override IReadOnlyCollection<string> Options => ["science", "template", "output"];

    protected override void Validate(KernelArguments arguments)
    {
        var science = arguments.All("science");
        if (science.Count == 0 || arguments.All("template").Count != science.Count || arguments.All("output").Count != science.Count)
        {
            throw new KernelUsageException("give --science, --template and --output once per difference, at least one");
        }

        foreach (var image in science.Concat(arguments.All("template")))
        {
            Product(image);
        }
    }

    protected override (object Result, string Line) Run(KernelArguments arguments)
    {
        var science = arguments.All("science");
        var template = arguments.All("template");
        var output = arguments.All("output");
        var results = science.Select((s, k) => DiffKernel.Run(Product(s), Product(template[k]), output[k])).ToList();
        return (results, $"{results.Count} differences, {results.Sum(r => r.Detections.Count)} detections");
    }
}

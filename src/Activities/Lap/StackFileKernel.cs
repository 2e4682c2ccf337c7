using System.Globalization;
using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary><c>lap-stack --input IMAGE… --min-inputs N --output BASE</c>: stacks the warps of one skycell.</summary>
internal sealed class StackFileKernel : LapFileKernel
{
    public override string Name => StackKernel.Name;

    protected override string Usage => "--input IMAGE [--input IMAGE ...] --min-inputs N --output BASE";

    protected override string Summary => "clipped inverse-variance stack of one skycell's warps (none when fewer than N)";

    protected override IReadOnlyCollection<string> Options => ["input", "min-inputs", "output"];

    protected override void Validate(KernelArguments arguments)
    {
        arguments.Integer("min-inputs", 1);
        arguments.Required("output");
        foreach (var input in arguments.All("input"))
        {
            Product(input);
        }
    }

    protected override (object Result, string Line) Run(KernelArguments arguments)
    {
        var inputs = arguments.All("input").Select(Product).ToList();
        var stack = StackKernel.Run(inputs, arguments.Required("output"), new StackOptions { MinInputs = arguments.Integer("min-inputs", 1) });
        return (stack, stack.Created
            ? string.Create(CultureInfo.InvariantCulture, $"{stack.Skycell} from {inputs.Count} warps, noise {stack.NoiseSigma:F2} (expected {stack.ExpectedNoiseSigma:F2})")
            : $"{inputs.Count} warps, fewer than the minimum: no stack");
    }
}

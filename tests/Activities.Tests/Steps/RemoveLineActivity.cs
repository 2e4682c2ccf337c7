using Microsoft.DurableTask;

namespace Nightshift.Activities.Tests.Steps;

/// <summary>The undo of <see cref="AppendLineActivity"/>: removes the line again, and logs that it ran.</summary>
internal sealed class RemoveLineActivity : TaskActivity<StepLine, bool>
{
    public const string Name = "test.remove";

    public override Task<bool> RunAsync(TaskActivityContext context, StepLine input)
    {
        var lines = File.ReadAllLines(input.File).ToList();
        var removed = lines.Remove(input.Line);
        File.WriteAllLines(input.File, lines);
        File.AppendAllLines(input.File + ".undo", [input.Key]);
        return Task.FromResult(removed);
    }
}

using Microsoft.DurableTask;

namespace Nightshift.Activities.Tests.Steps;

/// <summary>Appends a line to a shared file (like a subtraction edits shared data) and writes a product file.</summary>
internal sealed class AppendLineActivity : TaskActivity<StepLine, string>
{
    public const string Name = "test.append";

    public override Task<string> RunAsync(TaskActivityContext context, StepLine input)
    {
        if (input.Fail)
        {
            throw new InvalidOperationException($"step {input.Key} fails as asked");
        }

        File.AppendAllLines(input.File, [input.Line]);
        File.WriteAllText(input.Product, input.Line);
        return Task.FromResult(input.Line.ToUpperInvariant());
    }
}

using Microsoft.DurableTask;

namespace Nightshift.Bench;

internal sealed class HelloActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello, {input}!");
}

using Microsoft.DurableTask;

namespace Nightshift.Durable.Tests.Support;

/// <summary>Says hello: the smallest activity with an input and an output.</summary>
public sealed class SayHello : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult($"Hello, {input}!");
}

namespace Nightshift.Durable.Tests.Support;

/// <summary>Says hello: the smallest activity with an input and an output.</summary>
public sealed class SayHello : Activity<string, string>
{
    public override Task<string> RunAsync(ActivityContext context, string input) => Task.FromResult($"Hello, {input}!");
}

using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Nightshift.Durable;
using Nightshift.Durable.Sqlite;
using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Scenarios;

/// <summary>The README's "Durable Task SDK on Nightshift" example, line for line, so the README cannot drift from the API.</summary>
[TestClass]
public sealed class ReadmeExampleTests
{
    public sealed class Greetings : TaskOrchestrator<string[], string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string[] cities)
            => string.Join(" ", await Task.WhenAll(cities.Select(c => context.CallActivityAsync<string>("SayHello", c))));
    }

    [TestMethod]
    public async Task Readme_example_runs()
    {
        using var store = new SqliteBackend();
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddNightshift().UseSqlite(store.File).AddDurableTask(tasks =>
        {
            tasks.AddOrchestrator<Greetings>();
            tasks.AddActivityFunc<string, string>("SayHello", (_, city) => $"Hello, {city}!");
        });
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableTaskClient>();
        var id = await client.ScheduleNewOrchestrationInstanceAsync(nameof(Greetings), new[] { "Leiden", "Dwingeloo" });
        using var cts = new CancellationTokenSource(RuntimeHost.DefaultTimeout);
        var output = (await client.WaitForInstanceCompletionAsync(id, true, cts.Token)).ReadOutputAs<string>();
        await host.StopAsync();
        Assert.AreEqual("Hello, Leiden! Hello, Dwingeloo!", output);
    }
}

using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using DurableTask.Core.Serializing;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Nightshift.Durable.Runtime;
using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Replay;

using HistoryEvent = DurableTask.Core.History.HistoryEvent;

/// <summary>
/// Histories recorded by the runtime, in DurableTask.Core's own JSON format (what
/// <c>IOrchestrationServiceClient.GetOrchestrationHistoryAsync</c> returns), checked in under <c>Histories/</c> and replayed
/// on every build by DurableTask.Core's executor against today's orchestrator code. A change to an orchestrator that
/// would break instances already running shows here, before it reaches a store. Set NIGHTSHIFT_RECORD_HISTORIES=1 to
/// record them again (after a deliberate, versioned change).
/// </summary>
[TestClass]
public sealed class RecordedHistoryTests
{
    private static readonly string Folder = Path.Combine(AppContext.BaseDirectory, "Histories");

    [TestMethod]
    [DataRow("chain.json", "Chain")]
    [DataRow("kitchen.json", "Kitchen")]
    public void Recorded_history_replays_to_its_recorded_outcome(string file, string orchestrator)
    {
        var history = Load(Path.Combine(Folder, file));
        var recorded = history.OfType<ExecutionCompletedEvent>().Single();

        var result = Replay(history, orchestrator);

        var complete = result.Actions.OfType<OrchestrationCompleteOrchestratorAction>().Single();
        Assert.AreEqual(recorded.OrchestrationStatus, complete.OrchestrationStatus, complete.FailureDetails?.ToString());
        Assert.AreEqual(recorded.Result, complete.Result);
        Assert.AreEqual(1, result.Actions.Count(), "a replay of a finished history schedules nothing new");
    }

    [TestMethod]
    public void Changed_orchestrator_replaying_a_recorded_history_is_reported_as_non_deterministic()
    {
        // The recorded Chain called Append three times; this code calls Echo first.
        var history = Load(Path.Combine(Folder, "chain.json"));

        var result = Replay(history, "Chain", changed: true);

        var failure = result.Actions.OfType<OrchestrationCompleteOrchestratorAction>().Single();
        Assert.AreEqual(OrchestrationStatus.Failed, failure.OrchestrationStatus);
        StringAssert.Contains(failure.FailureDetails!.ErrorType, nameof(DurableTask.Core.Exceptions.NonDeterministicOrchestrationException));
        StringAssert.Contains(failure.FailureDetails.ErrorMessage, "Append", "the message names what the history recorded");
    }

    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public async Task Recording_a_run_then_replaying_it_gives_the_same_outcome()
    {
        using var backend = new SqliteBackend();
        await using var host = await RuntimeHost.StartAsync(backend);
        var chain = await host.RunAsync("Chain", "x", "replay-chain");
        var kitchenId = await host.StartAsync("Kitchen", "k", "replay-kitchen");
        await host.WaitUntilAsync(kitchenId, s => s.SerializedCustomStatus is not null, "the timer stage");
        await host.Client.RaiseEventAsync(kitchenId, "go", "go!");
        var kitchen = await host.WaitAsync(kitchenId);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, chain.RuntimeStatus);
        Assert.AreEqual(OrchestrationRuntimeStatus.Completed, kitchen.RuntimeStatus, kitchen.FailureDetails?.ErrorMessage);

        var service = host.Services.GetRequiredService<SqlOrchestrationService>();
        foreach (var (id, name, file) in new[] { ("replay-chain", "Chain", "chain.json"), ("replay-kitchen", "Kitchen", "kitchen.json") })
        {
            var json = await service.GetOrchestrationHistoryAsync(id, null!);
            var history = JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(json);
            var complete = Replay(history, name).Actions.OfType<OrchestrationCompleteOrchestratorAction>().Single();
            Assert.AreEqual(history.OfType<ExecutionCompletedEvent>().Single().Result, complete.Result, name);
            if (Environment.GetEnvironmentVariable("NIGHTSHIFT_RECORD_HISTORIES") == "1")
            {
                var source = Path.Combine(FindTestProject(), "Histories", file);
                await File.WriteAllTextAsync(source, JsonDataConverter.Default.Serialize(history, formatted: true));
            }
        }
    }

    private static List<HistoryEvent> Load(string path) => JsonDataConverter.Default.Deserialize<List<HistoryEvent>>(File.ReadAllText(path));

    /// <summary>Runs DurableTask.Core's executor over the history up to (not including) its ending, as a worker would.</summary>
    private static OrchestratorExecutionResult Replay(IReadOnlyList<HistoryEvent> history, string orchestrator, bool changed = false)
    {
        var past = history.TakeWhile(e => e is not ExecutionCompletedEvent).ToList();
        foreach (var e in past)
        {
            e.IsPlayed = true;
        }

        var state = new OrchestrationRuntimeState(past);
        var shims = new DurableTaskShimFactory(new DurableTaskWorkerOptions { DataConverter = new Microsoft.DurableTask.Converters.JsonDataConverter(Nightshift.Durable.DurableJson.Options) }, NullLoggerFactory.Instance);
        ITaskOrchestrator code = (orchestrator, changed) switch
        {
            ("Chain", false) => new TestTasks.Chain(),
            ("Chain", true) => new ChangedChain(),
            ("Kitchen", _) => new TestTasks.Kitchen(),
            _ => throw new ArgumentException($"No replay subject named {orchestrator}."),
        };
        var executor = new TaskOrchestrationExecutor(state, shims.CreateOrchestration(orchestrator, code, parent: null),
            BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails);
        return executor.Execute();
    }

    /// <summary>This source file's folder's parent: the test project, where recordings are checked in.</summary>
    private static string FindTestProject([System.Runtime.CompilerServices.CallerFilePath] string source = "")
        => Path.GetDirectoryName(Path.GetDirectoryName(source))!;

    /// <summary>Chain after an incompatible edit: a new first step.</summary>
    private sealed class ChangedChain : TaskOrchestrator<string, string>
    {
        public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
        {
            var value = await context.CallActivityAsync<string>("Echo", input);
            return await context.CallActivityAsync<string>(nameof(TestTasks.Append), value);
        }
    }
}

using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests.Scenarios;

[TestClass]
public sealed class SubOrchestrationTests
{
    public sealed class Facet : Orchestration<int, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, int facet)
        {
            var calibrated = await context.CallActivityAsync<string>("SayHello", $"facet {facet}");
            return $"{context.InstanceId} (child of {context.ParentInstanceId}): {calibrated}";
        }
    }

    public sealed class Field : Orchestration<int, List<string>>
    {
        public override async Task<List<string>> RunAsync(OrchestrationContext context, int facets)
        {
            var children = Enumerable.Range(0, facets)
                .Select(i => context.CallSubOrchestrationAsync<string>("Facet", i, $"{context.InstanceId}/facet-{i}"));
            return [.. await Task.WhenAll(children)];
        }
    }

    [TestMethod]
    public async Task Sub_orchestrations_run_under_the_instance_ids_the_caller_chose()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Field>("Field").AddOrchestration<Facet>("Facet").AddActivity<SayHello>("SayHello"));

        var state = await host.RunAsync("Field", 3, instanceId: "field-3C196");

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        CollectionAssert.AreEqual(
            new[]
            {
                "field-3C196/facet-0 (child of field-3C196): Hello, facet 0!",
                "field-3C196/facet-1 (child of field-3C196): Hello, facet 1!",
                "field-3C196/facet-2 (child of field-3C196): Hello, facet 2!",
            },
            state.ReadOutputAs<List<string>>());
        for (var i = 0; i < 3; i++)
        {
            var child = await host.Client.GetAsync($"field-3C196/facet-{i}");
            Assert.IsNotNull(child);
            Assert.AreEqual(OrchestrationStatus.Completed, child.Status);
            Assert.AreEqual("field-3C196", child.ParentInstanceId);
            Assert.AreEqual("Facet", child.Name);
        }

        var children = await host.Client.QueryAsync(new InstanceQuery { ParentInstanceId = "field-3C196" });
        Assert.HasCount(3, children.Instances);
        var history = await host.Client.GetHistoryAsync("field-3C196");
        Assert.AreEqual(3, history.Count(e => e.EventType == "SubOrchestrationCreated"));
        Assert.AreEqual(3, history.Count(e => e.EventType == "SubOrchestrationCompleted"));
    }

    public sealed class BrokenFacet : Orchestration<string, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, string mode) => mode switch
        {
            "throws" => throw new InvalidOperationException("facet 7 diverged"),
            _ => context.CallActivityAsync<string>("Throws", mode),
        };
    }

    public sealed class Throws : Activity<string, string>
    {
        public override Task<string> RunAsync(ActivityContext context, string input) => throw new FormatException($"bad {input}");
    }

    public sealed record Caught(string Type, string InstanceId, string Name, string ErrorType, string ErrorMessage, string? InnerType, bool CausedByFormat);

    public sealed class CatchingField : Orchestration<string, Caught>
    {
        public override async Task<Caught> RunAsync(OrchestrationContext context, string mode)
        {
            try
            {
                await context.CallSubOrchestrationAsync<string>("BrokenFacet", mode, "facet-7");
                throw new InvalidOperationException("the child should have failed");
            }
            catch (SubOrchestrationFailedException e)
            {
                return new Caught(e.GetType().Name, e.InstanceId, e.Name, e.FailureDetails.ErrorType, e.FailureDetails.ErrorMessage,
                    e.FailureDetails.InnerFailure?.ErrorType, e.FailureDetails.IsCausedBy<FormatException>());
            }
        }
    }

    [TestMethod]
    public async Task Child_failure_reaches_the_parent_as_SubOrchestrationFailedException_with_the_childs_details()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<CatchingField>("CatchingField").AddOrchestration<BrokenFacet>("BrokenFacet"));

        var state = await host.RunAsync("CatchingField", "throws");

        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.ToString());
        var caught = state.ReadOutputAs<Caught>()!;
        Assert.AreEqual(nameof(SubOrchestrationFailedException), caught.Type);
        Assert.AreEqual("facet-7", caught.InstanceId);
        Assert.AreEqual("BrokenFacet", caught.Name);
        Assert.AreEqual(typeof(InvalidOperationException).FullName, caught.ErrorType);
        Assert.AreEqual("facet 7 diverged", caught.ErrorMessage);
        var child = await host.Client.GetAsync("facet-7");
        Assert.AreEqual(OrchestrationStatus.Failed, child!.Status);
        Assert.AreEqual("facet 7 diverged", child.Failure!.ErrorMessage);
    }

    [TestMethod]
    public async Task Activity_failure_inside_a_child_reaches_the_parent_with_its_cause()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<CatchingField>("CatchingField").AddOrchestration<BrokenFacet>("BrokenFacet").AddActivity<Throws>("Throws"));

        var state = await host.RunAsync("CatchingField", "activity");

        var caught = state.ReadOutputAs<Caught>()!;
        Assert.AreEqual(typeof(TaskFailedException).FullName, caught.ErrorType);
        Assert.AreEqual(typeof(FormatException).FullName, caught.InnerType);
        Assert.IsTrue(caught.CausedByFormat);
    }

    public sealed class UncaughtField : Orchestration<object?, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, object? input)
            => context.CallSubOrchestrationAsync<string>("BrokenFacet", "throws", "uncaught-facet");
    }

    [TestMethod]
    public async Task Uncaught_child_failure_fails_the_parent()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<UncaughtField>("UncaughtField").AddOrchestration<BrokenFacet>("BrokenFacet"));

        var state = await host.RunAsync("UncaughtField");

        Assert.AreEqual(OrchestrationStatus.Failed, state.Status);
        Assert.AreEqual(typeof(SubOrchestrationFailedException).FullName, state.Failure!.ErrorType);
        Assert.AreEqual("facet 7 diverged", state.Failure.InnerFailure!.ErrorMessage);
    }

    public sealed class Listener : Orchestration<object?, string>
    {
        public override Task<string> RunAsync(OrchestrationContext context, object? input) => context.WaitForExternalEvent<string>("note");
    }

    public sealed class TakesAnId : Orchestration<string, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, string childId)
        {
            try
            {
                return await context.CallSubOrchestrationAsync<string>("Listener", null, childId);
            }
            catch (SubOrchestrationFailedException e)
            {
                return $"{e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
            }
        }
    }

    [TestMethod]
    public async Task Child_id_taken_by_a_running_instance_fails_the_call_and_leaves_that_instance_alone()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<TakesAnId>("TakesAnId").AddOrchestration<Listener>("Listener"));
        await host.Client.StartAsync("Listener", null, new StartOrchestrationOptions { InstanceId = "busy" });
        await host.WaitForStatusAsync("busy", OrchestrationStatus.Running);

        var state = await host.RunAsync("TakesAnId", "busy");

        Assert.AreEqual($"{typeof(InstanceAlreadyExistsException).FullName}: Instance 'busy' already exists with status Running.", state.ReadOutputAs<string>());
        var busy = await host.Client.GetAsync("busy");
        Assert.AreEqual(OrchestrationStatus.Running, busy!.Status);
        Assert.IsNull(busy.ParentInstanceId);
    }

    public sealed class Notifier : Orchestration<object?, string>
    {
        public override async Task<string> RunAsync(OrchestrationContext context, object? input)
        {
            var child = context.CallSubOrchestrationAsync<string>("Listener", null, $"{context.InstanceId}-listener");
            context.SendEvent($"{context.InstanceId}-listener", "note", "from the parent");
            return await child;
        }
    }

    [TestMethod]
    public async Task Orchestrations_send_each_other_events()
    {
        using var store = new TestStore();
        await using var host = await TestHost.StartAsync(store.Path, b => b.AddOrchestration<Notifier>("Notifier").AddOrchestration<Listener>("Listener"));

        var state = await host.RunAsync("Notifier", instanceId: "notifier");

        Assert.AreEqual("from the parent", state.ReadOutputAs<string>(), state.Failure?.ToString());
        var history = await host.Client.GetHistoryAsync("notifier");
        Assert.AreEqual(1, history.Count(e => e.EventType == "EventSent" && e.Name == "note"));
        var listener = await host.Client.GetHistoryAsync("notifier-listener");
        Assert.AreEqual(1, listener.Count(e => e.EventType == "EventRaised" && e.Name == "note"));
    }
}

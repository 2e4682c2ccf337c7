using DurableTask.Core;
using Microsoft.Extensions.Logging;

namespace Nightshift.Durable.Hosting;

using OrchestrationContext = DurableTask.Core.OrchestrationContext;

/// <summary>
/// What the worker runs for a name nobody registered: a task that fails at once, naming the instance and the name,
/// so the instance ends Failed (or its orchestrator sees a failed activity) and other instances keep running.
/// </summary>
internal static class MissingTasks
{
    public static TaskOrchestration Orchestration(string name, string version, ILogger logger) => new MissingOrchestration(name, version, logger);

    public static TaskActivity Activity(string name, string version, ILogger logger) => new MissingActivity(name, version, logger);

    private static string Described(string name, string version) => version.Length == 0 ? $"'{name}'" : $"'{name}' (version '{version}')";

    private sealed class MissingOrchestration(string name, string version, ILogger logger) : TaskOrchestration
    {
        // A faulted task, not a throw: DurableTask.Core fails the instance with the exception's details.
        public override Task<string> Execute(OrchestrationContext context, string input)
        {
            var instanceId = context.OrchestrationInstance.InstanceId;
            HostingLogs.OrchestratorMissing(logger, instanceId, name, version);
            return Task.FromException<string>(new TaskNotRegisteredException(
                $"Instance '{instanceId}': no orchestrator named {Described(name, version)} is registered with this worker."));
        }

        public override void RaiseEvent(OrchestrationContext context, string name, string input)
        {
        }

        public override string GetStatus() => null!;
    }

    private sealed class MissingActivity(string name, string version, ILogger logger) : TaskActivity
    {
        public override string Run(TaskContext context, string input) => throw Missing(context);

        public override Task<string> RunAsync(TaskContext context, string input) => Task.FromException<string>(Missing(context));

        private TaskNotRegisteredException Missing(TaskContext context)
        {
            var instanceId = context.OrchestrationInstance.InstanceId;
            HostingLogs.ActivityMissing(logger, instanceId, name, version);
            return new TaskNotRegisteredException(
                $"Instance '{instanceId}': no activity named {Described(name, version)} is registered with this worker.");
        }
    }
}

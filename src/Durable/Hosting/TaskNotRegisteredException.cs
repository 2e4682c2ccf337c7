namespace Nightshift.Durable.Hosting;

/// <summary>
/// An instance asked for an orchestrator or activity that this worker does not have. It fails the task (and, unless
/// the orchestration catches it, the instance) instead of being retried: a redeploy does not fix old messages.
/// </summary>
internal sealed class TaskNotRegisteredException : NightshiftException
{
    public TaskNotRegisteredException(string message) : base(message) { }
}

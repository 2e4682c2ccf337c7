namespace Nightshift.Durable.Storage;

/// <summary>A row of <c>new_tasks</c> to insert: an activity call waiting for a worker.</summary>
internal sealed record NewTask(string InstanceId, string ExecutionId, int TaskId, string Name, string? Input);

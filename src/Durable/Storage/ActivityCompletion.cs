using Nightshift.Durable.Storage;

namespace Nightshift.Durable.Storage;

/// <summary>A finished task: the row to delete and the TaskCompleted or TaskFailed message for its instance.</summary>
internal sealed record ActivityCompletion(long TaskRowId, OrchestrationMessage Result);

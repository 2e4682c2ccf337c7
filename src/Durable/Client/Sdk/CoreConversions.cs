using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Nightshift.Durable.Client.Sdk;

using CoreFailureDetails = DurableTask.Core.FailureDetails;
using CoreState = DurableTask.Core.OrchestrationState;
using CoreStatus = DurableTask.Core.OrchestrationStatus;

/// <summary>Converts DurableTask.Core's client types into the SDK's.</summary>
internal static class CoreConversions
{
    public static OrchestrationRuntimeStatus ToSdk(this CoreStatus status) => status switch
    {
        CoreStatus.Running => OrchestrationRuntimeStatus.Running,
        CoreStatus.Completed => OrchestrationRuntimeStatus.Completed,
#pragma warning disable CS0618 // ContinuedAsNew and Canceled are obsolete in the SDK, but DurableTask.Core may still report them.
        CoreStatus.ContinuedAsNew => OrchestrationRuntimeStatus.ContinuedAsNew,
        CoreStatus.Canceled => OrchestrationRuntimeStatus.Canceled,
#pragma warning restore CS0618
        CoreStatus.Failed => OrchestrationRuntimeStatus.Failed,
        CoreStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        CoreStatus.Pending => OrchestrationRuntimeStatus.Pending,
        CoreStatus.Suspended => OrchestrationRuntimeStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static CoreStatus ToCore(this OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Running => CoreStatus.Running,
        OrchestrationRuntimeStatus.Completed => CoreStatus.Completed,
#pragma warning disable CS0618 // see above
        OrchestrationRuntimeStatus.ContinuedAsNew => CoreStatus.ContinuedAsNew,
        OrchestrationRuntimeStatus.Canceled => CoreStatus.Canceled,
#pragma warning restore CS0618
        OrchestrationRuntimeStatus.Failed => CoreStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => CoreStatus.Terminated,
        OrchestrationRuntimeStatus.Pending => CoreStatus.Pending,
        OrchestrationRuntimeStatus.Suspended => CoreStatus.Suspended,
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, "Unknown orchestration status."),
    };

    public static TaskFailureDetails? ToSdk(this CoreFailureDetails? details) => details is null
        ? null
        : new TaskFailureDetails(details.ErrorType, details.ErrorMessage, details.StackTrace, details.InnerFailure.ToSdk(), details.Properties);

    public static DateTimeOffset ToUtcOffset(this DateTime time)
        => time == default ? default : new DateTimeOffset(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    /// <summary>
    /// The SDK's view of an instance. Input and output are read only when asked for (they may be large), as with the
    /// SDK's other clients; the custom status is small and always included.
    /// </summary>
    public static OrchestrationMetadata ToMetadata(this CoreState state, DataConverter converter, bool withInputsAndOutputs) =>
        new(state.Name, state.OrchestrationInstance.InstanceId)
        {
            DataConverter = converter,
            RuntimeStatus = state.OrchestrationStatus.ToSdk(),
            CreatedAt = state.CreatedTime.ToUtcOffset(),
            LastUpdatedAt = state.LastUpdatedTime.ToUtcOffset(),
            SerializedInput = withInputsAndOutputs ? state.Input : null!,
            SerializedOutput = withInputsAndOutputs ? state.Output : null!,
            SerializedCustomStatus = state.Status!,
            FailureDetails = state.FailureDetails.ToSdk()!,
            Tags = state.Tags is { } tags ? new Dictionary<string, string>(tags) : null!,
        };
}

namespace Nightshift.Durable;

/// <summary>Which finished instances to delete, with their history and messages.</summary>
public sealed record PurgeFilter
{
    /// <summary>Only instances that finished before this time (UTC).</summary>
    public DateTime? CompletedBefore { get; init; }

    /// <summary>Only these statuses; Completed, Failed and Terminated when null. Running instances are never purged.</summary>
    public IReadOnlyCollection<OrchestrationStatus>? Statuses { get; init; }

    /// <summary>Only instance ids that start with this text.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Only instances created at or after this time.</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time.</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Instances deleted per transaction, so a large purge never holds the database for long.</summary>
    public int BatchSize { get; init; } = 500;
}

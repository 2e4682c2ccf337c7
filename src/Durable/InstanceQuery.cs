namespace Nightshift.Durable;

/// <summary>A filter over instances; every criterion left null matches everything.</summary>
public sealed record InstanceQuery
{
    /// <summary>Only these statuses.</summary>
    public IReadOnlyCollection<OrchestrationStatus>? Statuses { get; init; }

    /// <summary>Only this orchestration name.</summary>
    public string? Name { get; init; }

    /// <summary>Only instances created at or after this time (UTC).</summary>
    public DateTime? CreatedFrom { get; init; }

    /// <summary>Only instances created before this time (UTC).</summary>
    public DateTime? CreatedTo { get; init; }

    /// <summary>Only instance ids that start with this text.</summary>
    public string? InstanceIdPrefix { get; init; }

    /// <summary>Only children of this instance.</summary>
    public string? ParentInstanceId { get; init; }

    /// <summary>Rows per page.</summary>
    public int PageSize { get; init; } = 100;

    /// <summary>The token of the previous page's <see cref="InstancePage.ContinuationToken"/>; null for the first page.</summary>
    public string? ContinuationToken { get; init; }
}

namespace Nightshift.Activities.Jobs;

/// <summary>Filters for <see cref="JobQueries.ListAsync"/>; null means any.</summary>
public sealed record JobQuery
{
    /// <summary>Only jobs in these states.</summary>
    public IReadOnlyList<JobState>? States { get; init; }

    /// <summary>Only jobs of this instance.</summary>
    public string? InstanceId { get; init; }

    /// <summary>Only jobs of this backend.</summary>
    public string? Backend { get; init; }

    /// <summary>Most rows returned, newest first.</summary>
    public int Limit { get; init; } = 1000;
}

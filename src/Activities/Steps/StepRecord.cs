namespace Nightshift.Activities.Steps;

/// <summary>One row of the <c>steps</c> table.</summary>
public sealed record StepRecord
{
    /// <summary>What the step belongs to (a field, a production).</summary>
    public required string Scope { get; init; }

    /// <summary>The step within the scope, e.g. <c>facet3/facetselfcal</c>.</summary>
    public required string Key { get; init; }

    /// <summary>One of <see cref="StepStatus"/>.</summary>
    public required string Status { get; init; }

    /// <summary>SHA-256 (hex) of the input JSON.</summary>
    public required string InputHash { get; init; }

    /// <summary>The code version the step was run with, if declared.</summary>
    public string? CodeVersion { get; init; }

    /// <summary>The instance that ran it.</summary>
    public required string InstanceId { get; init; }

    /// <summary>The result as JSON text.</summary>
    public string? Result { get; init; }

    /// <summary>Files and directories the step wrote; a reset deletes them.</summary>
    public IReadOnlyList<string> Products { get; init; } = [];

    /// <summary>What a reset runs first, if anything.</summary>
    public StepUndo? Undo { get; init; }

    /// <summary>The failure message of a failed step.</summary>
    public string? Error { get; init; }

    /// <summary>When the step began (UTC).</summary>
    public DateTime StartedAt { get; init; }

    /// <summary>When it completed or failed (UTC).</summary>
    public DateTime? CompletedAt { get; init; }
}

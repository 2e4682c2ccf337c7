namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>The merged run options of an analysis (PocketCoffea's run options), typed.</summary>
public sealed record AnalysisRunOptions
{
    /// <summary>The executor string, <c>iterative</c>, <c>futures</c>, <c>slurm@local</c> or <c>condor@local</c>.</summary>
    public required string Executor { get; init; }

    /// <summary>Events per chunk.</summary>
    public required int ChunkSize { get; init; }

    /// <summary>At most this many files per dataset, or all.</summary>
    public int? LimitFiles { get; init; }

    /// <summary>At most this many chunks per dataset, or all.</summary>
    public int? LimitChunks { get; init; }

    /// <summary>A test run: iterative executor, one file and one chunk per dataset.</summary>
    public bool Test { get; init; }

    /// <summary>Attempts after the first for a failing chunk.</summary>
    public required int Retries { get; init; }

    /// <summary>Skip unreadable files (recorded in metadata) instead of failing their dataset.</summary>
    public bool SkipBadFiles { get; init; }

    /// <summary>Fan-in of accumulator merging.</summary>
    public required int TreeReduction { get; init; }

    /// <summary>Parallel workers (processes, pilots or jobs).</summary>
    public required int Scaleout { get; init; }

    /// <summary>All datasets in one output instead of one output per dataset.</summary>
    public bool Full { get; init; }

    /// <summary>Redo only the datasets that failed in the previous run, merging with its outputs.</summary>
    public bool ResubmitFailed { get; init; }

    /// <summary>Batch queue or partition for cluster executors.</summary>
    public string? Queue { get; init; }

    /// <summary>Memory per worker for cluster executors, such as <c>2GB</c>.</summary>
    public string? MemPerWorker { get; init; }

    /// <summary>Wall time per job for cluster executors, such as <c>01:00:00</c>.</summary>
    public string? Walltime { get; init; }
}

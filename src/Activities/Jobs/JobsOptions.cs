namespace Nightshift.Activities.Jobs;

/// <summary>Options of the job layer and its monitor (<c>AddJobs</c>).</summary>
public sealed class JobsOptions
{
    /// <summary>The backend used when a spec names none.</summary>
    public string DefaultBackend { get; set; } = "local";

    /// <summary>The backends this process's monitor serves: any of <c>local</c>, <c>slurm</c>, <c>condor</c>.</summary>
    public IList<string> Backends { get; } = ["local"];

    /// <summary>
    /// Where job scripts, logs and exit-code files go. Batch backends need it on a file system the nodes share.
    /// </summary>
    public string Directory { get; set; } = Path.GetFullPath("nightshift-jobs");

    /// <summary>The program and leading arguments that run a kernel: <c>nightshift kernel</c> by default.</summary>
    public IList<string> KernelLauncher { get; } = ["nightshift", "kernel"];

    /// <summary>Most jobs a backend has in its scheduler at once (queued, running or held); per backend name.</summary>
    public IDictionary<string, int> MaxActive { get; } = new Dictionary<string, int>(StringComparer.Ordinal);

    /// <summary>The limit for backends not in <see cref="MaxActive"/>.</summary>
    public int DefaultMaxActive { get; set; } = 360;

    /// <summary>How often the monitor polls each backend.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How long a monitor's claim on a backend lasts without renewal; another worker takes over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Lines kept from the end of stdout and stderr.</summary>
    public int TailLines { get; set; } = 20;

    /// <summary>Most tasks in one SLURM job array (the cluster's MaxArraySize, minus nothing: indices run 0…N-1).</summary>
    public int MaxArraySize { get; set; } = 1001;

    /// <summary>
    /// How long a submitted job may be absent from every scheduler query before it is declared lost; covers the
    /// seconds between sbatch and the job appearing, and sacct lagging squeue.
    /// </summary>
    public TimeSpan LostAfter { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>
    /// A partial array waits until no job has been recorded for this long, so a fan-out whose jobs are recorded
    /// over a few episodes goes out as one array rather than many; full arrays go at once.
    /// </summary>
    public TimeSpan SubmitGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Directory of the HTCondor commands; found on PATH when null.</summary>
    public string? CondorBin { get; set; }

    /// <summary>Test hook: runs after a backend accepted a batch and before the scheduler ids are written.</summary>
    internal Func<JobBatch, IReadOnlyList<string>, Task>? AfterSubmit { get; set; }

    /// <summary>The limit for <paramref name="backend"/>; local processes default to one per core.</summary>
    public int LimitFor(string backend)
        => MaxActive.TryGetValue(backend, out var n) ? n : backend == LocalJobBackend.BackendName ? Environment.ProcessorCount : DefaultMaxActive;
}

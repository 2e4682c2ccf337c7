namespace Nightshift.Activities.Jobs;

/// <summary>
/// What a batch job runs and what it asks of the scheduler. Either <see cref="Kernel"/> (run as
/// <c>nightshift kernel NAME ARGS…</c> on the node) or <see cref="Command"/> (an executable) is set.
/// Arguments are an array and reach the program as separate words: a backend that needs a shell quotes every one.
/// </summary>
public sealed record JobSpec
{
    /// <summary>The step name inside the orchestration; with the instance id and attempt it makes the job key.</summary>
    public string? Name { get; init; }

    /// <summary>A compute kernel to run through the kernel launcher (<see cref="JobsOptions.KernelLauncher"/>).</summary>
    public string? Kernel { get; init; }

    /// <summary>An executable (absolute path or a name found on PATH) to run instead of a kernel.</summary>
    public string? Command { get; init; }

    /// <summary>The program's arguments, one word each.</summary>
    public IReadOnlyList<string> Arguments { get; init; } = [];

    /// <summary>Extra environment variables for the job.</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();

    /// <summary>The directory the job starts in; the submitting process's directory when null.</summary>
    public string? WorkingDirectory { get; init; }

    /// <summary>CPU cores per job.</summary>
    public int Cpus { get; init; } = 1;

    /// <summary>Memory per job in MiB; the scheduler's default when null.</summary>
    public int? MemoryMb { get; init; }

    /// <summary>Wall-clock limit; the scheduler's default when null.</summary>
    public TimeSpan? Walltime { get; init; }

    /// <summary>SLURM partition or HTCondor queue/pool hint.</summary>
    public string? Partition { get; init; }

    /// <summary>Account to charge.</summary>
    public string? Account { get; init; }

    /// <summary>Scheduler options passed as they are (e.g. <c>--qos=long</c> for SLURM, submit-file lines for HTCondor).</summary>
    public IReadOnlyList<string> SchedulerOptions { get; init; } = [];

    /// <summary>
    /// The files and directories the job writes. <c>nightshift jobs delete</c> removes them with the job's record,
    /// so that the step can be submitted again from scratch; the runtime never reads them otherwise.
    /// </summary>
    public IReadOnlyList<string> Outputs { get; init; } = [];

    /// <summary>The backend (<c>local</c>, <c>slurm</c>, <c>condor</c>); <see cref="JobsOptions.DefaultBackend"/> when null.</summary>
    public string? Backend { get; init; }

    /// <summary>A job that runs a compute kernel.</summary>
    public static JobSpec ForKernel(string name, string kernel, params string[] arguments)
        => new() { Name = name, Kernel = kernel, Arguments = arguments };

    /// <summary>A job that runs an executable.</summary>
    public static JobSpec ForCommand(string name, string command, params string[] arguments)
        => new() { Name = name, Command = command, Arguments = arguments };
}

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// Jobs as child processes of this machine. Each runs under a small <c>/bin/sh</c> wrapper that receives the
/// program and its arguments as positional parameters (never as text to parse), sends output to the job's files and
/// writes the exit code to a file, so a monitor restarted in another process still learns how the job ended.
/// Concurrency is bounded by the monitor's per-backend limit (one per core by default).
/// </summary>
internal sealed class LocalJobBackend(TimeProvider time) : IJobBackend
{
    public const string BackendName = "local";

    // $0 is a marker that tells our wrappers from other processes when a pid is checked after a restart.
    private const string Marker = "nightshift-job";
    private const string Wrapper =
        "out=$1; err=$2; code=$3; pid=$4; shift 4; echo $$ >\"$pid\"; exec >\"$out\" 2>\"$err\" </dev/null; " +
        "\"$@\"; rc=$?; echo \"$rc\" >\"$code.tmp\" && mv -f \"$code.tmp\" \"$code\"; exit \"$rc\"";

    private readonly ConcurrentDictionary<string, Process> processes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> timedOut = new(StringComparer.Ordinal);

    public string Name => BackendName;

    public int MaxBatchSize => 1;

    public string BatchKey(JobSpec spec) => "";

    public Task<IReadOnlyList<string>> SubmitAsync(JobBatch batch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(batch.Directory);
        var ids = new List<string>(batch.Members.Count);
        foreach (var m in batch.Members)
        {
            var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
            foreach (var a in (string[])["-c", Wrapper, Marker, m.StdoutPath, m.StderrPath, m.ExitCodePath, PidPath(m.StdoutPath)])
            {
                psi.ArgumentList.Add(a);
            }

            foreach (var w in m.Words)
            {
                psi.ArgumentList.Add(w);
            }

            psi.WorkingDirectory = m.Row.Spec.WorkingDirectory ?? Environment.CurrentDirectory;
            foreach (var (k, v) in m.Row.Spec.Environment)
            {
                psi.Environment[k] = v;
            }

            var process = Process.Start(psi) ?? throw new SchedulerCommandException("Could not start /bin/sh for a local job.", false);
            processes[m.Row.JobKey] = process;
            ids.Add(process.Id.ToString(CultureInfo.InvariantCulture));
        }

        return Task.FromResult<IReadOnlyList<string>>(ids);
    }

    public Task<IReadOnlyDictionary<string, string>> FindSubmittedAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (job.StdoutPath is { } stdout && File.Exists(PidPath(stdout)) && File.ReadAllText(PidPath(stdout)).Trim() is { Length: > 0 } pid)
            {
                found[job.JobKey] = pid;
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, string>>(found);
    }

    public Task<IReadOnlyDictionary<string, JobStatus>> PollAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var result = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            var started = job.StartedAt ?? job.SubmittedAt ?? now;
            if (processes.TryGetValue(job.JobKey, out var process))
            {
                if (!process.HasExited)
                {
                    if (job.Spec.Walltime is { } limit && now - started > limit && timedOut.TryAdd(job.JobKey, 0))
                    {
                        process.Kill(entireProcessTree: true);
                    }

                    result[job.JobKey] = new JobStatus(JobState.Running) { StartedAt = started };
                    continue;
                }

                processes.TryRemove(job.JobKey, out _);
                var code = JobStatus.ReadExitCode(job.ExitCodePath) ?? process.ExitCode;
                process.Dispose();
                result[job.JobKey] = Ended(job, code, started, now);
                continue;
            }

            if (JobStatus.ReadExitCode(job.ExitCodePath) is { } written)
            {
                result[job.JobKey] = Ended(job, written, started, now);
            }
            else if (IsOurs(job.SchedulerId))
            {
                result[job.JobKey] = new JobStatus(JobState.Running) { StartedAt = started };
            }
            else
            {
                result[job.JobKey] = new JobStatus(JobState.Lost) { Reason = "the process is gone and wrote no exit code", StartedAt = started, EndedAt = now };
            }
        }

        return Task.FromResult<IReadOnlyDictionary<string, JobStatus>>(result);
    }

    public Task CancelAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        foreach (var job in jobs)
        {
            if (processes.TryRemove(job.JobKey, out var process))
            {
                if (!process.HasExited)
                {
                    process.Kill(entireProcessTree: true);
                }

                process.Dispose();
            }
            else if (IsOurs(job.SchedulerId) && int.TryParse(job.SchedulerId, CultureInfo.InvariantCulture, out var pid))
            {
                try
                {
                    using var adopted = Process.GetProcessById(pid);
                    adopted.Kill(entireProcessTree: true);
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
                catch (InvalidOperationException)
                {
                    // Exited between the check and the kill.
                }
            }
        }

        return Task.CompletedTask;
    }

    private JobStatus Ended(JobRow job, int code, DateTime started, DateTime now)
        => timedOut.TryRemove(job.JobKey, out _)
            ? new JobStatus(JobState.Timeout) { Reason = "TimeLimit", Signal = 9, StartedAt = started, EndedAt = now }
            : JobStatus.FromExitCode(code) with { StartedAt = started, EndedAt = now };

    private static string PidPath(string stdoutPath) => Path.ChangeExtension(stdoutPath, ".pid");

    /// <summary>A pid that still runs one of our wrappers (pids are reused, so the command line is checked too).</summary>
    private static bool IsOurs(string? schedulerId)
    {
        if (schedulerId is null)
        {
            return false;
        }

        try
        {
            var cmdline = File.ReadAllText($"/proc/{schedulerId}/cmdline");
            return cmdline.Contains(Marker, StringComparison.Ordinal);
        }
        catch (IOException)
        {
            return false;
        }
        catch (UnauthorizedAccessException)
        {
            return false;
        }
    }
}

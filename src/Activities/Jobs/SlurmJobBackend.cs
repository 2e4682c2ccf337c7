using System.Globalization;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// SLURM through its commands. Jobs with the same resources go out as one job array whose script picks each task's
/// words with a <c>case</c> on <c>SLURM_ARRAY_TASK_ID</c>, every word single-quoted. The script writes the exit
/// code next to the task's stdout, so the outcome survives the job leaving squeue (MinJobAge) even without
/// accounting. A poll is one <c>squeue -t all -j ARRAYS</c> for every active job, plus at most one <c>sacct</c> for
/// jobs that just ended or that squeue no longer lists.
/// </summary>
internal sealed class SlurmJobBackend(JobsOptions options, SchedulerCommand commands, ILogger<SlurmJobBackend> logger) : IJobBackend
{
    public const string BackendName = "slurm";

    private bool? accounting;

    public string Name => BackendName;

    public int MaxBatchSize => options.MaxArraySize;

    public string BatchKey(JobSpec spec) => string.Join('\u001f',
        spec.Cpus, spec.MemoryMb, spec.Walltime, spec.Partition, spec.Account, spec.WorkingDirectory,
        string.Join('\u001e', spec.SchedulerOptions),
        string.Join('\u001e', spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value)));

    public async Task<IReadOnlyList<string>> SubmitAsync(JobBatch batch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(batch.Directory);
        var script = Path.Combine(batch.Directory, "job.sh");
        await File.WriteAllTextAsync(script, Script(batch), cancellationToken).ConfigureAwait(false);
        var spec = batch.Spec;
        var args = new List<string>
        {
            "--parsable",
            "--job-name=" + batch.Name,
            $"--array=0-{batch.Members.Count - 1}",
            "--output=" + Path.Combine(batch.Directory, "%a.out"),
            "--error=" + Path.Combine(batch.Directory, "%a.err"),
            "--cpus-per-task=" + spec.Cpus.ToString(CultureInfo.InvariantCulture),
            "--chdir=" + (spec.WorkingDirectory ?? batch.Directory),
        };
        if (spec.MemoryMb is { } mem)
        {
            args.Add($"--mem={mem}M");
        }

        if (spec.Walltime is { } t)
        {
            args.Add($"--time={(int)t.TotalHours}:{t.Minutes:D2}:{t.Seconds:D2}");
        }

        if (spec.Partition is not null)
        {
            args.Add("--partition=" + spec.Partition);
        }

        if (spec.Account is not null)
        {
            args.Add("--account=" + spec.Account);
        }

        args.AddRange(spec.SchedulerOptions);
        args.Add(script);
        var result = await commands.RunAsync("sbatch", args, check: true, cancellationToken).ConfigureAwait(false);
        var id = result.Stdout.Trim().Split(';')[0];
        if (!long.TryParse(id, CultureInfo.InvariantCulture, out _))
        {
            throw new SchedulerCommandException($"sbatch printed '{result.Stdout.Trim()}' instead of a job id.", false);
        }

        return batch.Members.Select(m => $"{id}_{m.Index}").ToList();
    }

    /// <summary>The array script: a case over the task id sets the words; the wrapper part records the exit code.</summary>
    internal static string Script(JobBatch batch, string taskVariable = "${SLURM_ARRAY_TASK_ID:-0}")
    {
        var sb = new StringBuilder();
        sb.Append("#!/bin/sh\n# Nightshift job array ").Append(batch.Name).Append(": ").Append(batch.Members.Count).Append(" task(s)\n");
        foreach (var (k, v) in batch.Spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal))
        {
            sb.Append("export ").Append(k).Append('=').Append(JobCommandLine.Quote(v)).Append('\n');
        }

        sb.Append("task=\"").Append(taskVariable).Append("\"\ncase \"$task\" in\n");
        foreach (var m in batch.Members)
        {
            sb.Append(m.Index.ToString(CultureInfo.InvariantCulture)).Append(") set -- ").Append(JobCommandLine.Quote(m.Words)).Append(" ;;\n");
        }

        sb.Append("*) echo \"nightshift: no task $task in this batch\" >&2; exit 97 ;;\nesac\n");
        sb.Append("\"$@\"\nrc=$?\n");
        var exit = JobCommandLine.Quote(batch.Directory + "/") + "\"$task.exit\"";
        sb.Append("echo \"$rc\" >").Append(exit).Append(".tmp && mv -f ").Append(exit).Append(".tmp ").Append(exit).Append('\n');
        sb.Append("exit \"$rc\"\n");
        return sb.ToString();
    }

    public async Task<IReadOnlyDictionary<string, string>> FindSubmittedAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        var names = jobs.Select(j => j.BatchName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var arrays = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return new Dictionary<string, string>();
        }

        var squeue = await commands.RunAsync("squeue", ["-t", "all", "-h", "--name", string.Join(',', names), "-o", "%F|%j"], check: true, cancellationToken).ConfigureAwait(false);
        foreach (var line in squeue.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var f = line.Split('|');
            if (f.Length == 2)
            {
                arrays[f[1]] = f[0];
            }
        }

        var missing = names.Where(n => !arrays.ContainsKey(n)).ToList();
        if (missing.Count > 0 && await HasAccountingAsync(cancellationToken).ConfigureAwait(false))
        {
            // sacct --name without -S only looks at today; a monitor can be down for longer than that.
            var sacct = await commands.RunAsync("sacct", ["-X", "-P", "-n", "-S", "now-7days", "--name", string.Join(',', missing), "-o", "JobID,JobName"], check: false, cancellationToken).ConfigureAwait(false);
            foreach (var line in sacct.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                var f = line.Split('|');
                if (f.Length == 2)
                {
                    arrays[f[1]] = f[0].Split('_')[0];
                }
            }
        }

        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var job in jobs)
        {
            if (job.BatchName is { } name && arrays.TryGetValue(name, out var arrayId) && job.ArrayIndex is { } index)
            {
                found[job.JobKey] = $"{arrayId}_{index}";
            }
        }

        return found;
    }

    public async Task<IReadOnlyDictionary<string, JobStatus>> PollAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        var result = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        if (jobs.Count == 0)
        {
            return result;
        }

        var arrays = string.Join(',', jobs.Select(j => ArrayId(j.SchedulerId!)).Distinct(StringComparer.Ordinal));
        var squeue = await commands.RunAsync("squeue", ["-t", "all", "-h", "-j", arrays, "-o", SlurmParser.SqueueFormat], check: false, cancellationToken).ConfigureAwait(false);
        // With every id unknown squeue exits 1 ("Invalid job id specified"): that means none is listed, not an error.
        if (squeue.ExitCode != 0 && !squeue.Stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase))
        {
            throw new SchedulerCommandException($"squeue exited {squeue.ExitCode}: {squeue.Stderr.Trim()}", SchedulerCommand.IsTransient(squeue.Stderr));
        }

        var listed = SlurmParser.ParseSqueue(squeue.Stdout);
        var needSacct = new List<JobRow>();
        foreach (var job in jobs)
        {
            if (listed.TryGetValue(job.SchedulerId!, out var status))
            {
                result[job.JobKey] = status;
                if (status.State.IsTerminal())
                {
                    needSacct.Add(job);
                }
            }
            else
            {
                needSacct.Add(job);
            }
        }

        // One sacct for every job that ended (CPU time, MaxRSS, exit code) or that squeue forgot (its whole outcome).
        Dictionary<string, JobStatus> accounted = new(StringComparer.Ordinal);
        if (needSacct.Count > 0 && await HasAccountingAsync(cancellationToken).ConfigureAwait(false))
        {
            var ids = string.Join(',', needSacct.Select(j => ArrayId(j.SchedulerId!)).Distinct(StringComparer.Ordinal));
            var sacct = await commands.RunAsync("sacct", ["-P", "-n", "-j", ids, "-o", SlurmParser.SacctFields], check: false, cancellationToken).ConfigureAwait(false);
            if (sacct.ExitCode == 0)
            {
                accounted = SlurmParser.ParseSacct(sacct.Stdout);
            }
        }

        foreach (var job in needSacct)
        {
            var written = JobStatus.ReadExitCode(job.ExitCodePath);
            accounted.TryGetValue(job.SchedulerId!, out var acct);
            if (result.TryGetValue(job.JobKey, out var fromQueue))
            {
                result[job.JobKey] = fromQueue with
                {
                    ExitCode = written ?? acct?.ExitCode,
                    Signal = fromQueue.State == JobState.Completed ? null : SignalOf(written) ?? acct?.Signal,
                    CpuSeconds = acct?.CpuSeconds,
                    MaxRssBytes = acct?.MaxRssBytes,
                };
            }
            else if (acct is not null && acct.State.IsTerminal())
            {
                result[job.JobKey] = acct with { ExitCode = written ?? acct.ExitCode };
            }
            else if (acct is not null)
            {
                result[job.JobKey] = acct;
            }
            else if (written is { } code)
            {
                // Neither squeue nor sacct knows it any more, but the wrapper left the exit code.
                result[job.JobKey] = JobStatus.FromExitCode(code);
            }
        }

        return result;
    }

    public async Task CancelAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        foreach (var chunk in jobs.Where(j => j.SchedulerId is not null).Select(j => j.SchedulerId!).Chunk(500))
        {
            await commands.RunAsync("scancel", chunk, check: false, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<bool> HasAccountingAsync(CancellationToken cancellationToken)
    {
        if (accounting is null)
        {
            try
            {
                var probe = await commands.RunAsync("sacct", ["-n", "-X", "-j", "1", "-o", "JobID"], check: false, cancellationToken).ConfigureAwait(false);
                accounting = probe.ExitCode == 0 && !probe.Stderr.Contains("disabled", StringComparison.OrdinalIgnoreCase);
            }
            catch (SchedulerCommandException)
            {
                accounting = false;
            }

            Logs.SlurmAccounting(logger, accounting.Value);
        }

        return accounting.Value;
    }

    private static string ArrayId(string schedulerId)
    {
        var underscore = schedulerId.IndexOf('_', StringComparison.Ordinal);
        return underscore < 0 ? schedulerId : schedulerId[..underscore];
    }

    private static int? SignalOf(int? code) => code is > 128 and < 128 + 65 ? code - 128 : null;
}

using System.Globalization;
using System.Text;
using System.Text.Json;

namespace Nightshift.Activities.Jobs;

/// <summary>
/// HTCondor through its commands. A batch is one cluster (<c>queue N</c>) running the same array script as SLURM,
/// with the task index passed as <c>$(Process)</c>; each cluster keeps a job event log in its directory. A poll is
/// one <c>condor_q -json</c> for every active cluster plus one <c>condor_history -json</c> for the jobs that left
/// the queue. Held jobs are reported with their HoldReason and stay active (an operator may release them).
/// </summary>
internal sealed class CondorJobBackend(JobsOptions options, SchedulerCommand commands) : IJobBackend
{
    public const string BackendName = "condor";

    private const string Attributes = "ClusterId,ProcId,JobStatus,HoldReason,RemoveReason,ExitCode,ExitBySignal,ExitSignal,JobBatchName,JobCurrentStartDate,CompletionDate,RemoteUserCpu";

    public string Name => BackendName;

    public int MaxBatchSize => 10000;

    public string BatchKey(JobSpec spec) => string.Join('\u001f',
        spec.Cpus, spec.MemoryMb, spec.Walltime, spec.Partition, spec.Account, spec.WorkingDirectory,
        string.Join('\u001e', spec.SchedulerOptions),
        string.Join('\u001e', spec.Environment.OrderBy(e => e.Key, StringComparer.Ordinal).Select(e => e.Key + "=" + e.Value)));

    public async Task<IReadOnlyList<string>> SubmitAsync(JobBatch batch, CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(batch.Directory);
        var script = Path.Combine(batch.Directory, "job.sh");
        await File.WriteAllTextAsync(script, SlurmJobBackend.Script(batch, "$1"), cancellationToken).ConfigureAwait(false);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.GroupRead | UnixFileMode.GroupExecute);
        }
        var spec = batch.Spec;
        var submit = new StringBuilder()
            .Append("universe = vanilla\n")
            .Append("executable = ").Append(script).Append('\n')
            .Append("arguments = $(Process)\n")
            .Append("output = ").Append(Path.Combine(batch.Directory, "$(Process).out")).Append('\n')
            .Append("error = ").Append(Path.Combine(batch.Directory, "$(Process).err")).Append('\n')
            .Append("log = ").Append(Path.Combine(batch.Directory, "events.log")).Append('\n')
            .Append("initialdir = ").Append(spec.WorkingDirectory ?? batch.Directory).Append('\n')
            .Append("batch_name = ").Append(batch.Name).Append('\n')
            .Append("request_cpus = ").Append(spec.Cpus.ToString(CultureInfo.InvariantCulture)).Append('\n');
        if (spec.MemoryMb is { } mem)
        {
            submit.Append("request_memory = ").Append(mem.ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        if (spec.Walltime is { } t)
        {
            submit.Append("allowed_execute_duration = ").Append(((long)t.TotalSeconds).ToString(CultureInfo.InvariantCulture)).Append('\n');
        }

        if (spec.Account is not null)
        {
            submit.Append("accounting_group = ").Append(spec.Account).Append('\n');
        }

        foreach (var line in spec.SchedulerOptions)
        {
            submit.Append(line).Append('\n');
        }

        submit.Append("queue ").Append(batch.Members.Count.ToString(CultureInfo.InvariantCulture)).Append('\n');
        var file = Path.Combine(batch.Directory, "job.sub");
        await File.WriteAllTextAsync(file, submit.ToString(), cancellationToken).ConfigureAwait(false);
        var result = await commands.RunAsync(Program("condor_submit"), ["-terse", file], check: true, cancellationToken).ConfigureAwait(false);
        // -terse prints "FIRST - LAST", e.g. "23.0 - 23.4".
        var first = result.Stdout.Trim().Split(' ')[0];
        var cluster = first.Split('.')[0];
        if (!long.TryParse(cluster, CultureInfo.InvariantCulture, out _))
        {
            throw new SchedulerCommandException($"condor_submit -terse printed '{result.Stdout.Trim()}' instead of a job range.", false);
        }

        return batch.Members.Select(m => $"{cluster}.{m.Index}").ToList();
    }

    public async Task<IReadOnlyDictionary<string, string>> FindSubmittedAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        var names = jobs.Select(j => j.BatchName).OfType<string>().Distinct(StringComparer.Ordinal).ToList();
        var found = new Dictionary<string, string>(StringComparer.Ordinal);
        if (names.Count == 0)
        {
            return found;
        }

        var constraint = string.Join(" || ", names.Select(n => $"JobBatchName =?= \"{n}\""));
        var clusters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var program in new[] { "condor_q", "condor_history" })
        {
            var result = await commands.RunAsync(Program(program), ["-json", "-attributes", "ClusterId,JobBatchName", "-constraint", constraint], check: true, cancellationToken).ConfigureAwait(false);
            foreach (var ad in Ads(result.Stdout))
            {
                if (ad.TryGetValue("JobBatchName", out var n) && ad.TryGetValue("ClusterId", out var c))
                {
                    clusters[n.GetString()!] = c.GetInt64().ToString(CultureInfo.InvariantCulture);
                }
            }
        }

        foreach (var job in jobs)
        {
            if (job.BatchName is { } name && clusters.TryGetValue(name, out var cluster) && job.ArrayIndex is { } index)
            {
                found[job.JobKey] = $"{cluster}.{index}";
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

        var clusters = jobs.Select(j => j.SchedulerId!.Split('.')[0]).Distinct(StringComparer.Ordinal).ToList();
        var seen = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        var queue = await commands.RunAsync(Program("condor_q"), ["-json", "-attributes", Attributes, .. clusters], check: true, cancellationToken).ConfigureAwait(false);
        Collect(queue.Stdout, seen);
        if (jobs.Any(j => !seen.ContainsKey(j.SchedulerId!)))
        {
            var history = await commands.RunAsync(Program("condor_history"), ["-json", "-attributes", Attributes, .. clusters], check: true, cancellationToken).ConfigureAwait(false);
            Collect(history.Stdout, seen);
        }

        foreach (var job in jobs)
        {
            if (seen.TryGetValue(job.SchedulerId!, out var status))
            {
                result[job.JobKey] = status;
            }
            else if (JobStatus.ReadExitCode(job.ExitCodePath) is { } code)
            {
                result[job.JobKey] = JobStatus.FromExitCode(code);
            }
        }

        return result;
    }

    public async Task CancelAsync(IReadOnlyList<JobRow> jobs, CancellationToken cancellationToken)
    {
        foreach (var chunk in jobs.Where(j => j.SchedulerId is not null).Select(j => j.SchedulerId!).Chunk(500))
        {
            await commands.RunAsync(Program("condor_rm"), chunk, check: false, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>JobStatus codes: 1 idle, 2 running, 3 removed, 4 completed, 5 held, 6 transferring output, 7 suspended.</summary>
    internal static JobStatus Map(IReadOnlyDictionary<string, JsonElement> ad)
    {
        var code = ad.TryGetValue("JobStatus", out var s) ? s.GetInt32() : 0;
        var started = ad.TryGetValue("JobCurrentStartDate", out var st) && st.ValueKind == JsonValueKind.Number ? DateTime.UnixEpoch.AddSeconds(st.GetInt64()) : (DateTime?)null;
        var ended = ad.TryGetValue("CompletionDate", out var en) && en.ValueKind == JsonValueKind.Number && en.GetInt64() > 0 ? DateTime.UnixEpoch.AddSeconds(en.GetInt64()) : (DateTime?)null;
        var cpu = ad.TryGetValue("RemoteUserCpu", out var c) && c.ValueKind == JsonValueKind.Number ? c.GetDouble() : (double?)null;
        switch (code)
        {
            case 1:
                return new JobStatus(JobState.Queued);
            case 2 or 6 or 7:
                return new JobStatus(JobState.Running) { StartedAt = started };
            case 5:
                return new JobStatus(JobState.Held) { Reason = Text(ad, "HoldReason"), StartedAt = started };
            case 3:
                return new JobStatus(JobState.Cancelled) { Reason = Text(ad, "RemoveReason"), StartedAt = started, EndedAt = ended };
            case 4:
                var bySignal = ad.TryGetValue("ExitBySignal", out var b) && b.ValueKind == JsonValueKind.True;
                if (bySignal)
                {
                    var signal = ad.TryGetValue("ExitSignal", out var sig) && sig.ValueKind == JsonValueKind.Number ? sig.GetInt32() : (int?)null;
                    return new JobStatus(JobState.Failed) { Signal = signal, Reason = $"killed by signal {signal}", StartedAt = started, EndedAt = ended, CpuSeconds = cpu };
                }

                var exit = ad.TryGetValue("ExitCode", out var e) && e.ValueKind == JsonValueKind.Number ? e.GetInt32() : 0;
                return JobStatus.FromExitCode(exit) with { StartedAt = started, EndedAt = ended, CpuSeconds = cpu };
            default:
                return new JobStatus(JobState.Queued);
        }
    }

    private static void Collect(string json, Dictionary<string, JobStatus> into)
    {
        foreach (var ad in Ads(json))
        {
            if (ad.TryGetValue("ClusterId", out var c) && ad.TryGetValue("ProcId", out var p))
            {
                into[$"{c.GetInt64()}.{p.GetInt64()}"] = Map(ad);
            }
        }
    }

    /// <summary>condor_q/condor_history -json print a JSON array of ClassAds, or nothing at all when no job matches.</summary>
    internal static List<Dictionary<string, JsonElement>> Ads(string json)
    {
        var ads = new List<Dictionary<string, JsonElement>>();
        if (string.IsNullOrWhiteSpace(json))
        {
            return ads;
        }

        using var doc = JsonDocument.Parse(json);
        foreach (var ad in doc.RootElement.EnumerateArray())
        {
            ads.Add(ad.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.Clone(), StringComparer.Ordinal));
        }

        return ads;
    }

    private static string? Text(IReadOnlyDictionary<string, JsonElement> ad, string name)
        => ad.TryGetValue(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private string Program(string name) => options.CondorBin is null ? name : Path.Combine(options.CondorBin, name);
}

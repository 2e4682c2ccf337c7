using System.Globalization;

namespace Nightshift.Activities.Jobs;

/// <summary>Parses what squeue and sacct print (formats observed on Slurm 22.05; see infra/slurm/README.md).</summary>
internal static class SlurmParser
{
    /// <summary>The squeue format the backend asks for: id, raw id, array job id, array task id(s), name, state, reason, nodes, start, end.</summary>
    public const string SqueueFormat = "%i|%A|%F|%K|%j|%T|%r|%N|%S|%e";

    /// <summary>The sacct fields the backend asks for (with steps, so the .batch line carries MaxRSS).</summary>
    public const string SacctFields = "JobID,State,ExitCode,Reason,Start,End,TotalCPU,MaxRSS";

    /// <summary>squeue lines by task id (<c>ARRAY_TASK</c>); a pending array's one line <c>15_[0-3]</c> gives every task.</summary>
    public static Dictionary<string, JobStatus> ParseSqueue(string output)
    {
        var result = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        foreach (var line in Lines(output))
        {
            var f = line.Split('|');
            if (f.Length < 7)
            {
                continue;
            }

            var state = MapState(f[5], f[6]);
            var status = new JobStatus(state)
            {
                Reason = f[6] is "None" or "" ? null : f[6],
                StartedAt = f.Length > 8 && state != JobState.Queued ? ParseTime(f[8]) : null,
                EndedAt = f.Length > 9 && state.IsTerminal() ? ParseTime(f[9]) : null,
            };
            if (f[3] is "N/A" or "")
            {
                result[f[0]] = status;
                continue;
            }

            foreach (var task in ExpandTasks(f[3]))
            {
                result[$"{f[2]}_{task}"] = status;
            }
        }

        return result;
    }

    /// <summary>sacct lines (with steps) by task id: state and exit code from the job line, MaxRSS from its .batch step.</summary>
    public static Dictionary<string, JobStatus> ParseSacct(string output)
    {
        var result = new Dictionary<string, JobStatus>(StringComparer.Ordinal);
        var rss = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in Lines(output))
        {
            var f = line.Split('|');
            if (f.Length < 8)
            {
                continue;
            }

            var id = f[0];
            var dot = id.IndexOf('.', StringComparison.Ordinal);
            if (dot >= 0)
            {
                if (ParseMemory(f[7]) is { } bytes)
                {
                    var job = id[..dot];
                    rss[job] = Math.Max(bytes, rss.GetValueOrDefault(job));
                }

                continue;
            }

            var stateWord = f[1].Split(' ')[0];
            var state = MapState(stateWord, f[3]);
            var (exit, signal) = ParseExitCode(f[2]);
            var status = new JobStatus(state)
            {
                ExitCode = state.IsTerminal() ? exit : null,
                Signal = signal is > 0 ? signal : null,
                Reason = f[3] is "None" or "" ? null : f[3],
                StartedAt = ParseTime(f[4]),
                EndedAt = state.IsTerminal() ? ParseTime(f[5]) : null,
                CpuSeconds = ParseDuration(f[6]),
            };
            var bracket = id.IndexOf("_[", StringComparison.Ordinal);
            if (bracket >= 0)
            {
                foreach (var task in ExpandTasks(id[(bracket + 2)..].TrimEnd(']')))
                {
                    result[$"{id[..bracket]}_{task}"] = status;
                }
            }
            else
            {
                result[id] = status;
            }
        }

        foreach (var (job, bytes) in rss)
        {
            if (result.TryGetValue(job, out var status))
            {
                result[job] = status with { MaxRssBytes = bytes };
            }
        }

        return result;
    }

    /// <summary>SLURM job states to failure classes; COMPLETING is still active (the epilog runs).</summary>
    public static JobState MapState(string state, string reason) => state switch
    {
        "PENDING" when reason.StartsWith("JobHeld", StringComparison.Ordinal) => JobState.Held,
        "PENDING" or "CONFIGURING" or "REQUEUED" or "REQUEUE_FED" or "REQUEUE_HOLD" or "RESIZING" => JobState.Queued,
        "RUNNING" or "COMPLETING" or "STAGE_OUT" or "SIGNALING" or "SUSPENDED" or "STOPPED" => JobState.Running,
        "COMPLETED" => JobState.Completed,
        "FAILED" or "SPECIAL_EXIT" or "REVOKED" => JobState.Failed,
        "TIMEOUT" or "DEADLINE" => JobState.Timeout,
        "OUT_OF_MEMORY" => JobState.OutOfMemory,
        "CANCELLED" => JobState.Cancelled,
        "NODE_FAIL" or "BOOT_FAIL" => JobState.NodeFail,
        "PREEMPTED" => JobState.Preempted,
        _ => JobState.Queued,
    };

    /// <summary><c>0-3</c>, <c>1,4-6</c>, <c>0-999%50</c> (a throttle) to task numbers.</summary>
    public static IEnumerable<string> ExpandTasks(string spec)
    {
        var percent = spec.IndexOf('%', StringComparison.Ordinal);
        if (percent >= 0)
        {
            spec = spec[..percent];
        }

        foreach (var part in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var dash = part.IndexOf('-', StringComparison.Ordinal);
            if (dash < 0)
            {
                yield return part;
                continue;
            }

            var from = int.Parse(part[..dash], CultureInfo.InvariantCulture);
            var to = int.Parse(part[(dash + 1)..], CultureInfo.InvariantCulture);
            for (var i = from; i <= to; i++)
            {
                yield return i.ToString(CultureInfo.InvariantCulture);
            }
        }
    }

    /// <summary><c>exit:signal</c>.</summary>
    public static (int? Exit, int? Signal) ParseExitCode(string text)
    {
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon < 0)
        {
            return (int.TryParse(text, CultureInfo.InvariantCulture, out var e) ? e : null, null);
        }

        return (int.TryParse(text[..colon], CultureInfo.InvariantCulture, out var exit) ? exit : null,
                int.TryParse(text[(colon + 1)..], CultureInfo.InvariantCulture, out var signal) ? signal : null);
    }

    /// <summary>Slurm prints local times without a zone.</summary>
    public static DateTime? ParseTime(string text)
        => DateTime.TryParseExact(text, "yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeLocal | DateTimeStyles.AdjustToUniversal, out var t) ? t : null;

    /// <summary><c>[D-][HH:]MM:SS[.mmm]</c> to seconds.</summary>
    public static double? ParseDuration(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var days = 0;
        var dash = text.IndexOf('-', StringComparison.Ordinal);
        if (dash >= 0)
        {
            days = int.Parse(text[..dash], CultureInfo.InvariantCulture);
            text = text[(dash + 1)..];
        }

        var parts = text.Split(':');
        double seconds = 0;
        foreach (var part in parts)
        {
            if (!double.TryParse(part, NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
            {
                return null;
            }

            seconds = seconds * 60 + v;
        }

        return days * 86400 + seconds;
    }

    /// <summary><c>3652K</c>, <c>1.5M</c>, <c>2G</c>, <c>0</c> to bytes.</summary>
    public static long? ParseMemory(string text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var unit = char.ToUpperInvariant(text[^1]);
        var factor = unit switch { 'K' => 1024L, 'M' => 1024L * 1024, 'G' => 1024L * 1024 * 1024, 'T' => 1024L * 1024 * 1024 * 1024, _ => 1L };
        var number = factor == 1 ? text : text[..^1];
        return double.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var v) ? (long)(v * factor) : null;
    }

    private static IEnumerable<string> Lines(string output)
        => output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}

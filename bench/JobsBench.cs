using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Activities.Jobs;
using Nightshift.Durable;
using Nightshift.Durable.Sqlite;

namespace Nightshift.Bench;

/// <summary>
/// <c>--jobs N</c>: N trivial jobs on the local SLURM through the job monitor, against a shell loop of one sbatch per
/// job. sbatch, squeue and sacct are counted by wrapper scripts put first on PATH.
/// </summary>
internal static class JobsBench
{
    public static async Task<int> RunAsync(string[] args)
    {
        var n = int.Parse(Value(args, "--jobs") ?? "2000", CultureInfo.InvariantCulture);
        var loop = Value(args, "--loop") is { } l ? int.Parse(l, CultureInfo.InvariantCulture) : n;
        var maxArray = int.Parse(Value(args, "--max-array") ?? "1001", CultureInfo.InvariantCulture);
        var dir = Path.Combine("/tmp", "nightshift-jobs-bench-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        var counts = InstallCounters(dir);
        Console.WriteLine($"command: dotnet run -c Release --project bench -- {string.Join(' ', args)}");
        Console.WriteLine($"machine: {Environment.ProcessorCount} cores; SLURM: {Run("sinfo", "-h", "-o", "%N %c CPUs %P").Trim()}; MaxArraySize {maxArray}");

        // Nightshift: one orchestration awaiting n jobs.
        long polls = 0;
        using var listener = new MeterListener();
        listener.InstrumentPublished = (i, l) =>
        {
            if (i.Meter.Name == "Nightshift.Jobs" && i.Name == "nightshift.jobs.monitor.polls")
            {
                l.EnableMeasurementEvents(i);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, v, _, _) => Interlocked.Add(ref polls, v));
        listener.Start();

        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddNightshift().UseSqlite(Path.Combine(dir, "nightshift.db"))
            .AddOrchestrator<JobsBenchOrchestration>(nameof(JobsBenchOrchestration))
            .AddJobs(o =>
            {
                o.Directory = Path.Combine(dir, "jobs");
                o.Backends.Add("slurm");
                o.MaxActive["slurm"] = n;
                o.MaxArraySize = maxArray;
                o.PollInterval = TimeSpan.FromSeconds(2);
            })
            .AddDurableTask();
        using var host = builder.Build();
        await host.StartAsync();
        var client = host.Services.GetRequiredService<DurableClient>();
        Reset(counts);
        var clock = Stopwatch.StartNew();
        var id = await client.StartAsync(nameof(JobsBenchOrchestration), n);
        var state = await client.WaitForCompletionAsync(id);
        var wall = clock.Elapsed.TotalSeconds;
        var (sbatch, squeue, sacct) = Read(counts);
        var done = state.ReadOutputAs<int>();
        await host.StopAsync();
        Console.WriteLine(
            $"nightshift monitor: {n} jobs, {done} completed, {wall:F1} s wall, {n / wall:F1} jobs/s; " +
            $"sbatch {sbatch} (bound ceil({n}/{maxArray}) = {(n + maxArray - 1) / maxArray}), squeue {squeue} in {Interlocked.Read(ref polls)} poll cycles, sacct {sacct}");
        var ok = done == n && sbatch <= (n + maxArray - 1) / maxArray && squeue <= Interlocked.Read(ref polls);
        Console.WriteLine($"acceptance (sbatch <= ceil(N/MaxArraySize), squeue <= poll cycles, all completed): {(ok ? "PASS" : "FAIL")}");

        if (loop > 0)
        {
            // The shell loop that operators write: one sbatch per job, then wait until squeue shows none left.
            Reset(counts);
            clock.Restart();
            var name = "ns-loop-" + Environment.ProcessId;
            Run("/bin/bash", "-c", $"for i in $(seq {loop}); do sbatch --parsable --job-name={name} -o /dev/null -e /dev/null --wrap /bin/true >/dev/null || exit 1; done");
            var submitted = clock.Elapsed.TotalSeconds;
            while (Run("squeue", "-h", "--name", name, "-o", "%i").Trim().Length > 0)
            {
                await Task.Delay(TimeSpan.FromSeconds(2));
            }

            var loopWall = clock.Elapsed.TotalSeconds;
            (sbatch, squeue, sacct) = Read(counts);
            Console.WriteLine(
                $"shell loop: {loop} jobs, {loopWall:F1} s wall ({submitted:F1} s of it in the sbatch loop), {loop / loopWall:F1} jobs/s; " +
                $"sbatch {sbatch}, squeue {squeue} (waiting loop every 2 s), sacct {sacct}");
        }

        Directory.Delete(dir, recursive: true);
        return ok ? 0 : 1;
    }

    private static string? Value(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Wrappers named like the SLURM commands, first on PATH, that count their calls and run the real one.</summary>
    private static string InstallCounters(string dir)
    {
        var bin = Path.Combine(dir, "counting-bin");
        Directory.CreateDirectory(bin);
        var counts = Path.Combine(dir, "counts");
        Directory.CreateDirectory(counts);
        var path = Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin";
        foreach (var command in new[] { "sbatch", "squeue", "sacct" })
        {
            var real = path.Split(':').Select(d => Path.Combine(d, command)).FirstOrDefault(File.Exists)
                ?? throw new InvalidOperationException($"{command} is not on PATH; start SLURM with infra/slurm/start.sh.");
            var wrapper = Path.Combine(bin, command);
            File.WriteAllText(wrapper, $"#!/bin/sh\necho >> '{counts}/{command}'\nexec '{real}' \"$@\"\n");
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(wrapper, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
            }
        }

        Environment.SetEnvironmentVariable("PATH", bin + ":" + path);
        return counts;
    }

    private static void Reset(string counts)
    {
        foreach (var f in Directory.GetFiles(counts))
        {
            File.Delete(f);
        }
    }

    private static (int Sbatch, int Squeue, int Sacct) Read(string counts)
    {
        int Count(string c) => File.Exists(Path.Combine(counts, c)) ? File.ReadAllLines(Path.Combine(counts, c)).Length : 0;
        return (Count("sbatch"), Count("squeue"), Count("sacct"));
    }

    private static string Run(string program, params string[] args)
    {
        var psi = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using var p = Process.Start(psi)!;
        var output = p.StandardOutput.ReadToEnd();
        p.StandardError.ReadToEnd();
        p.WaitForExit();
        return output;
    }
}

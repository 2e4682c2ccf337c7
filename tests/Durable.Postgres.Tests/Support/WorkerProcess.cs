using System.Diagnostics;
using System.Text;

namespace Nightshift.Durable.Tests.Support;

/// <summary>
/// One Nightshift.Durable.Postgres.TestWorker process: a DurableTask.Core worker on a schema and hub, with short lock
/// and lease timeouts. <see cref="Kill"/> is SIGKILL: no shutdown code runs, its locks and leases are left to expire.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;
    private readonly StringBuilder errors = new();
    private readonly TaskCompletionSource ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private WorkerProcess(Process process)
    {
        this.process = process;
    }

    public int Id => process.Id;

    /// <summary>What the worker logged (warnings and errors), for the message of a failing test.</summary>
    public string Log
    {
        get
        {
            lock (errors)
            {
                return errors.ToString();
            }
        }
    }

    public static async Task<WorkerProcess> StartAsync(string connectionString, string schema, string hub, TimeSpan lockTimeout)
    {
        var exe = Path.Combine(AppContext.BaseDirectory, "Nightshift.Durable.Postgres.TestWorker");
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("postgres");
        info.ArgumentList.Add(connectionString);
        info.ArgumentList.Add(schema);
        info.ArgumentList.Add(hub);
        info.ArgumentList.Add(((int)lockTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var process = new Process { StartInfo = info, EnableRaisingEvents = true };
        var worker = new WorkerProcess(process);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data == "ready")
            {
                worker.ready.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                lock (worker.errors)
                {
                    worker.errors.AppendLine(e.Data);
                }
            }
        };
        process.Exited += (_, _) => worker.ready.TrySetException(new AssertFailedException($"Worker process exited before it was ready:\n{worker.Log}"));
        if (!process.Start())
        {
            throw new AssertFailedException($"Could not start {exe}.");
        }

        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await worker.ready.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return worker;
    }

    /// <summary>SIGKILL, and wait until the process is gone.</summary>
    public void Kill()
    {
        if (!process.HasExited)
        {
            process.Kill();
            process.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Kill();
        process.Dispose();
    }
}

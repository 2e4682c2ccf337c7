using Nightshift.Durable;

namespace Nightshift.Bench;

/// <summary>
/// The benchmark's orchestrators and activities on a host: the DurableTask.Core runtime with SDK orchestrators. (Until
/// its removal the home-made engine ran beside it under <c>--runtime old</c>; the README keeps that run's figures.)
/// </summary>
internal static class BenchRuntime
{
    public static NightshiftBuilder Register(NightshiftBuilder nightshift, string runtime, bool worker, Action<WorkerOptions>? options = null)
    {
        if (runtime != "new")
        {
            throw new ArgumentException($"--runtime {runtime}: the old engine was retired after the side-by-side run; only 'new' remains.");
        }

        nightshift
            .AddOrchestrator<HelloCitiesOrchestrator>("HelloCities")
            .AddOrchestrator<FanOutFanInOrchestrator>("FanOutFanIn")
            .AddTaskActivity<HelloActivity>("Hello")
            .AddTaskActivity<SquareActivity>("Square");
        return worker ? nightshift.AddDurableTask(worker: options) : nightshift.AddDurableTaskClient();
    }
}

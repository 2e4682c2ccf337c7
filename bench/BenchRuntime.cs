using Nightshift.Durable;

namespace Nightshift.Bench;

/// <summary>
/// Which runtime a benchmark host runs: the DurableTask.Core runtime with SDK orchestrators ("new"), or the home-made
/// engine it replaces ("old"), kept until both are measured in one run.
/// </summary>
internal static class BenchRuntime
{
    public static NightshiftBuilder Register(NightshiftBuilder nightshift, string runtime, bool worker, Action<WorkerOptions>? options = null)
    {
        if (runtime == "old")
        {
            nightshift
                .AddOrchestration<HelloCities>("HelloCities")
                .AddOrchestration<FanOutFanIn>("FanOutFanIn")
                .AddActivity<Hello>("Hello")
                .AddActivity<Square>("Square");
            return worker ? nightshift.AddWorker(options) : nightshift;
        }

        nightshift
            .AddOrchestrator<HelloCitiesOrchestrator>("HelloCities")
            .AddOrchestrator<FanOutFanInOrchestrator>("FanOutFanIn")
            .AddTaskActivity<HelloActivity>("Hello")
            .AddTaskActivity<SquareActivity>("Square");
        return worker ? nightshift.AddDurableTask(worker: options) : nightshift.AddDurableTaskClient();
    }
}

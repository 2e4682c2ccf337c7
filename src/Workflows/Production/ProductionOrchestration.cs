using Microsoft.DurableTask;
using Nightshift.Activities.Production;

namespace Nightshift.Workflows.Production;

/// <summary>
/// A production run. <c>full</c>: night plans for every night, and each target's plans as soon as every night it was
/// observed on is done in this run. <c>incremental</c>: night plans only, for nights this production has not done.
/// <c>flux</c>: target plans for every target, on the night results this production already has; a target with a
/// night not done is blocked, not run. Every chain starts at once (their jobs go to the job layer together, which
/// keeps the backend under its limit of running jobs). Without <see cref="ProductionConfig.KeepGoing"/> the first
/// failed plan stops the run: no chain starts after it, running chains are told to stop, and the run fails naming
/// the plan; with it every other chain goes on, and the run fails at the end listing every failed plan.
/// </summary>
internal sealed class ProductionOrchestration : TaskOrchestrator<ProductionConfig, ProductionResult>
{
    public override async Task<ProductionResult> RunAsync(TaskOrchestrationContext context, ProductionConfig input)
    {
        var key = input.Key;
        var register = !input.NoRegister;
        var plan = await context.CallActivityAsync<ProductionPlan>(ProductionActivityNames.Begin, input.ToSettings());
        var nightsToRun = input.Mode switch
        {
            "flux" => [],
            "incremental" => plan.Nights.Where(n => !plan.DoneNights.Contains(n)).ToList(),
            _ => plan.Nights.ToList(),
        };

        // Nights run again in this run count as done only when they finish again; others done before still count.
        var done = plan.DoneNights.Where(n => !nightsToRun.Contains(n)).ToHashSet(StringComparer.Ordinal);
        var coming = nightsToRun.ToHashSet(StringComparer.Ordinal);

        // A full run restricted to some nights redoes the targets observed on them, not every target.
        var waiting = input.Mode == "incremental" ? []
            : input.Mode == "full" && input.Nights is not null ? plan.Targets.Where(t => t.Nights.Any(coming.Contains)).ToList()
            : plan.Targets.ToList();
        var running = new Dictionary<Task<ChainResult>, (string Kind, string Unit, string Instance)>();
        var failures = new List<string>();
        var blocked = new List<string>();
        var stopping = false;
        var nightsDone = 0;
        var photometric = 0;
        var targetsDone = 0;

        ChainInput Chain(string unit, IReadOnlyList<string> nights) => new(key, plan.Raw, plan.Prod, input.Backend, register, unit, nights);

        void Start(string kind, string unit, IReadOnlyList<string> nights)
        {
            var instance = $"{context.InstanceId}:{kind}:{unit}";
            var task = context.CallSubOrchestratorAsync<ChainResult>(
                kind == UnitRecord.Night ? ProductionPipeline.NightPlan : ProductionPipeline.TargetPlan, Chain(unit, nights),
                new SubOrchestrationOptions { InstanceId = instance });
            running[task] = (kind, unit, instance);
        }

        async Task Block(TargetNights target)
        {
            var missing = target.Nights.Where(n => !done.Contains(n)).ToList();
            blocked.Add($"{target.Target}: {string.Join(' ', missing)}");
            await context.CallActivityAsync<bool?>(ProductionActivityNames.Record,
                new UnitRecord(key, register, plan.Prod, UnitRecord.Target, target.Target, "blocked", target.Nights, null, $"nights not done: {string.Join(", ", missing)}", null, []));
        }

        void StartReadyTargets()
        {
            foreach (var target in waiting.Where(t => t.Nights.All(done.Contains)).ToList())
            {
                waiting.Remove(target);
                Start(UnitRecord.Target, target.Target, target.Nights);
            }
        }

        // A target with a night that is neither done nor coming in this run can never start.
        foreach (var target in waiting.Where(t => t.Nights.Any(n => !done.Contains(n) && !coming.Contains(n))).ToList())
        {
            waiting.Remove(target);
            await Block(target);
        }

        foreach (var night in nightsToRun)
        {
            Start(UnitRecord.Night, night, [night]);
        }

        StartReadyTargets();
        while (running.Count > 0)
        {
            context.SetCustomStatus(new { nightsDone, nightsRunning = running.Values.Count(r => r.Kind == UnitRecord.Night), targetsDone, targetsRunning = running.Values.Count(r => r.Kind == UnitRecord.Target), targetsWaiting = waiting.Count, failed = failures.Count });
            var finished = await Task.WhenAny(running.Keys);
            var (kind, unit, chain) = running[finished];
            running.Remove(finished);
            ChainResult result;
            try
            {
                result = await finished;
            }
            catch (TaskFailedException e)
            {
                // The chain itself crashed (a failed plan is a result, not an exception): keep the child's own error.
                var error = $"Sub-orchestration '{e.TaskName}' (instance '{chain}') failed: {e.FailureDetails.ErrorType}: {e.FailureDetails.ErrorMessage}";
                result = new ChainResult(kind, unit, "failed", null, error, null);
            }

            if (result.Status == "done")
            {
                if (kind == UnitRecord.Night)
                {
                    done.Add(unit);
                    nightsDone++;
                    photometric += result.Photometric == true ? 1 : 0;
                }
                else
                {
                    targetsDone++;
                }
            }
            else if (result.Status == "failed")
            {
                failures.Add($"{kind} {unit} {result.FailedPlan ?? "(chain)"}: {result.Error}");
                if (kind == UnitRecord.Night)
                {
                    coming.Remove(unit);
                    foreach (var target in waiting.Where(t => t.Nights.Contains(unit)).ToList())
                    {
                        waiting.Remove(target);
                        await Block(target);
                    }
                }

                if (!input.KeepGoing && !stopping)
                {
                    stopping = true;
                    foreach (var (_, _, instance) in running.Values)
                    {
                        context.SendEvent(instance, PlanChain.StopEvent, failures[0]);
                    }
                }
            }

            if (!stopping)
            {
                StartReadyTargets();
            }
        }

        var status = failures.Count == 0 ? "completed" : "failed";
        await context.CallActivityAsync<string>(ProductionActivityNames.End,
            new ProductionEnd(key, register, status, nightsDone, failures.Count(f => f.StartsWith(UnitRecord.Night, StringComparison.Ordinal)), targetsDone,
                failures.Count(f => f.StartsWith(UnitRecord.Target, StringComparison.Ordinal)), blocked.Count));
        if (failures.Count > 0)
        {
            throw new ProductionFailedException(input.KeepGoing
                ? $"production {key}: {failures.Count} failed plan(s), kept going: {string.Join("; ", failures)}"
                : $"production {key} stopped at the first failed plan: {failures[0]}" + (failures.Count > 1 ? $" (and {failures.Count - 1} more that were running)" : ""));
        }

        context.SetCustomStatus(new { nightsDone, targetsDone, blocked = blocked.Count });
        return new ProductionResult(key, input.Mode, nightsToRun, plan.DoneNights.Where(n => !nightsToRun.Contains(n)).ToList(), nightsDone, photometric, targetsDone, blocked, failures);
    }
}

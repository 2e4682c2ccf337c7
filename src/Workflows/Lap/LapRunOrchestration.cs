using System.Globalization;
using System.Text.Json;
using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;
using Nightshift.Activities.Lap;

namespace Nightshift.Workflows.Lap;

/// <summary>
/// One LAP run: a projection cell in one filter (PIPELINES.md §2). Define the run and its exposures; chip and warp each
/// exposure unless the sequence already has it; drop junk and exposures over a stage's bad-fraction limit (the companion
/// becomes private); stack once all warps are in; diff pairs warp against warp and private exposures against the stacks,
/// postponing those whose stacks are missing; destreak and diff again from destreaked inputs; fill in missing stacks from
/// destreaked warps; mark the run full, clean chips no run uses any more, and finish as done. Faults other than system
/// faults wait for the operator's <c>revert</c> event.
/// </summary>
internal sealed class LapRunOrchestration : TaskOrchestrator<LapRunInput, LapRunResult>
{
    /// <summary>The event an operator raises to re-queue faulted steps (payload: nothing, or a fault class).</summary>
    public const string RevertEvent = "revert";

    public override async Task<LapRunResult> RunAsync(TaskOrchestrationContext context, LapRunInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return await new RunState(context, input).RunAsync();
    }

    /// <summary>The run's state and steps; a class so that the phases can share it without long parameter lists.</summary>
    private sealed class RunState(TaskOrchestrationContext context, LapRunInput input)
    {
        private readonly LapConfig config = input.Config;
        private readonly LapStep step = new(input.SeqId, context.InstanceId, input.SurveyDirectory, input.Config.OutputDirectory, input.Config.Injections ?? []);
        private readonly ILapExecutor executor = LapExecutors.For(input.Config);
        private readonly TaskOptions retry = LapExecutors.SystemRetry(input.Config);
        private readonly Dictionary<string, ImageProduct> stacks = new(StringComparer.Ordinal);
        private readonly List<(RunExposure Science, RunExposure? Template, IReadOnlyList<DiffPair> Pairs, DiffStepResult Diff)> diffs = [];
        private List<RunExposure> exposures = [];
        private RunPlan plan = null!;
        private int stacksFaulted;
        private int finalDiffs;

        public async Task<LapRunResult> RunAsync()
        {
            var definition = input.Definition;
            Status("define");
            plan = await context.CallActivityAsync<RunPlan>(LapActivityNames.DefineRun,
                new DefineRunInput(step, definition.Cell, definition.Filter ?? config.Survey.Filter, definition.Label, definition.RadiusDeg), retry);
            exposures = [.. plan.Exposures.Select(p => new RunExposure(p))];
            await UpdateAsync("run", null, FormPairs());

            Status("chip/warp");
            await WithRevertAsync("chip/warp", [.. exposures.Where(e => !e.Dropped)], ProcessExposureAsync);

            Status("stack pass 1");
            await StackAsync(1, sc => [.. exposures.Where(e => e.Usable).Select(e => e.Warp(sc)).OfType<ImageProduct>()]);

            Status("diff");
            await DiffAsync();

            Status("magic");
            await WithRevertAsync("magic", [.. diffs], MagicAsync, d => d.Science.ExpId);

            Status("stack pass 2");
            await StackAsync(2, sc => [.. exposures.Where(e => e.Usable).Select(e => e.Destreaked.GetValueOrDefault(sc) ?? e.Warp(sc)).OfType<ImageProduct>()]);

            await UpdateAsync("full", null, []);
            var cleaned = 0;
            if (config.Cleanup)
            {
                Status("cleanup");
                cleaned = (await context.CallActivityAsync<LapCleanupResult>(LapActivityNames.Cleanup, step, retry)).Cleaned.Count;
            }

            await UpdateAsync("done", null, []);
            Status("done");
            return new LapRunResult(context.InstanceId, "done", exposures.Count, exposures.Count(e => e.Dropped), exposures.Count(e => e.Postponed),
                stacks.Count, stacksFaulted, finalDiffs, cleaned);
        }

        /// <summary>Pairs by OBJECT + COMMENT in time order; a leftover is private.</summary>
        private List<ExposureStateChange> FormPairs()
        {
            var changes = new List<ExposureStateChange>();
            foreach (var group in exposures.Where(e => !e.Dropped).GroupBy(e => (e.Plan.Object, e.Plan.Comment)))
            {
                var members = group.OrderBy(e => e.Plan.MjdObs).ThenBy(e => e.ExpId).ToList();
                for (var i = 0; i < members.Count; i++)
                {
                    if (i % 2 == 0 && i + 1 < members.Count)
                    {
                        members[i].Companion = members[i + 1];
                        members[i + 1].Companion = members[i];
                    }
                    else if (members[i].Companion is null)
                    {
                        members[i].Private = true;
                    }
                }
            }

            foreach (var e in exposures.Where(e => !e.Dropped))
            {
                changes.Add(new ExposureStateChange(e.ExpId, Private: e.Private, Pairwise: e.Companion is not null, PairId: e.Companion?.ExpId));
            }

            return changes;
        }

        private async Task<int> ProcessExposureAsync(RunExposure e)
        {
            while (e.Record is not { WarpBadFraction: not null })
            {
                if (!e.Owner)
                {
                    // Another run of the sequence is processing it: look again later (lap_science.pl's monitor polling).
                    var entry = (await context.CallActivityAsync<IReadOnlyList<LedgerEntry>>(LapActivityNames.Lookup, new LedgerLookupInput(step, [e.ExpId]), retry))[0];
                    if (entry.Claimed)
                    {
                        e.Owner = true;
                        e.Record = null;
                        await UpdateAsync(null, null, [new ExposureStateChange(e.ExpId, DataState: "exists")]);
                        continue;
                    }

                    if (entry.State == "full" || (entry.State == "chip" && entry.Record!.ChipBadFraction > config.ChipLimit))
                    {
                        e.Record = entry.Record;
                        break;
                    }

                    await context.CreateTimer(TimeSpan.FromSeconds(config.PollSeconds), CancellationToken.None);
                    continue;
                }

                try
                {
                    e.Record ??= await executor.ChipAsync(context, new ChipStepInput(step, e.ExpId, e.Name, e.Plan.RawPath));
                    if (e.Record.ChipBadFraction > config.ChipLimit)
                    {
                        break;
                    }

                    e.Record = await executor.WarpAsync(context, new WarpStepInput(step, e.Record));
                }
                catch (TaskFailedException failure)
                {
                    return LapFault.FromFailure(failure.FailureDetails);
                }
            }

            var record = e.Record!;
            if (record.ChipBadFraction > config.ChipLimit)
            {
                await DropAsync(e, Invariant($"chip bad fraction {record.ChipBadFraction:F3} > {config.ChipLimit}"));
            }
            else if (record.WarpBadFraction > config.WarpLimit)
            {
                await DropAsync(e, Invariant($"warp bad fraction {record.WarpBadFraction:F3} > {config.WarpLimit}"));
            }
            else
            {
                await UpdateAsync(null, null, [new ExposureStateChange(e.ExpId, DataState: "to_diff", Fault: 0)]);
            }

            return LapFault.None;
        }

        /// <summary>Drops an exposure from this run; its companion becomes private and is diffed against the stacks.</summary>
        private Task DropAsync(RunExposure e, string reason, bool postponed = false)
        {
            e.Dropped = true;
            e.Postponed = postponed;
            var changes = new List<ExposureStateChange> { new(e.ExpId, DataState: "drop", Note: reason) };
            if (e.Companion is { } companion)
            {
                companion.Companion = null;
                companion.Private = true;
                e.Companion = null;
                changes.Add(new ExposureStateChange(companion.ExpId, Private: true, Pairwise: false, Note: $"companion {e.Name} dropped"));
            }

            return UpdateAsync(null, null, changes);
        }

        private async Task StackAsync(int pass, Func<string, List<ImageProduct>> inputsFor)
        {
            var queued = plan.Skycells.Where(sc => !stacks.ContainsKey(sc)).Select(sc => (Skycell: sc, Inputs: inputsFor(sc)))
                .Where(s => s.Inputs.Count >= config.MinStackInputs).ToList();
            var results = await Task.WhenAll(queued.Select(async s =>
            {
                try
                {
                    return (s.Skycell, Result: await executor.StackAsync(context, new StackStepInput(step, s.Skycell, pass, s.Inputs, config.MinStackInputs)), Fault: 0);
                }
                catch (TaskFailedException failure)
                {
                    // A stack that keeps faulting is recorded and skipped: it must not keep the run from finishing.
                    return (s.Skycell, Result: (StackStepResult?)null, Fault: LapFault.FromFailure(failure.FailureDetails));
                }
            }));
            foreach (var (skycell, result, _) in results)
            {
                if (result is { Created: true, Output: { } output })
                {
                    stacks[skycell] = output;
                }
            }

            var faulted = results.Where(r => r.Fault != 0).Select(r => new StackStateChange(r.Skycell, pass, "fault", r.Fault)).ToList();
            stacksFaulted += faulted.Count;
            if (faulted.Count > 0)
            {
                await UpdateAsync(null, null, [], faulted);
            }
        }

        private async Task DiffAsync()
        {
            // Rounds: a diff dropped for quality makes its companion private, which is then diffed against the stacks. Every
            // round ends with each of its units diffed or dropped, so there are at most as many rounds as exposures.
            for (var round = 0; round <= exposures.Count; round++)
            {
                var units = new List<(RunExposure Science, RunExposure? Template)>();
                foreach (var e in exposures.Where(e => e.Usable && !e.Diffed).OrderBy(e => e.ExpId))
                {
                    if (e.Companion is { } companion)
                    {
                        if (e.Plan.MjdObs < companion.Plan.MjdObs || (e.Plan.MjdObs == companion.Plan.MjdObs && e.ExpId < companion.ExpId))
                        {
                            units.Add((e, companion));
                        }
                    }
                    else
                    {
                        units.Add((e, null));
                    }
                }

                if (units.Count == 0)
                {
                    return;
                }

                IReadOnlyDictionary<string, string> available = new Dictionary<string, string>();
                if (units.Any(u => u.Template is null))
                {
                    available = await context.CallActivityAsync<IReadOnlyDictionary<string, string>>(LapActivityNames.Stacks, step, retry);
                }

                var ready = new List<(RunExposure Science, RunExposure? Template)>();
                foreach (var unit in units)
                {
                    var missing = unit.Template is null ? unit.Science.Record!.Warps.Select(w => w.Skycell).Where(sc => !available.ContainsKey(sc)).ToList() : [];
                    if (missing.Count > 0)
                    {
                        await DropAsync(unit.Science, $"postponed: no stack for {string.Join(" ", missing)}", postponed: true);
                    }
                    else
                    {
                        ready.Add(unit);
                    }
                }

                await WithRevertAsync("diff", ready, async unit =>
                {
                    var (science, template) = unit;
                    var pairs = template is null
                        ? science.Record!.Warps.Select(w => new DiffPair(w.Skycell, w.Product, StackProduct(available[w.Skycell]))).ToList()
                        : plan.Skycells.Where(sc => science.Warp(sc) is not null && template.Warp(sc) is not null)
                            .Select(sc => new DiffPair(sc, science.Warp(sc)!, template.Warp(sc)!)).ToList();
                    DiffStepResult result;
                    try
                    {
                        result = await executor.DiffAsync(context, new DiffStepInput(step, "diff", science.ExpId, science.Name, template?.ExpId, template?.Name, pairs));
                    }
                    catch (TaskFailedException failure)
                    {
                        return LapFault.FromFailure(failure.FailureDetails);
                    }

                    if (result.BadFraction > config.DiffLimit)
                    {
                        await DropAsync(science, Invariant($"diff bad fraction {result.BadFraction:F3} > {config.DiffLimit}"));
                        return LapFault.None;
                    }

                    science.Diffed = true;
                    var changes = new List<ExposureStateChange> { new(science.ExpId, DataState: "to_magic", Fault: 0) };
                    if (template is not null)
                    {
                        template.Diffed = true;
                        changes.Add(new ExposureStateChange(template.ExpId, DataState: "to_magic", Fault: 0));
                    }

                    diffs.Add((science, template, pairs, result));
                    await UpdateAsync(null, null, changes);
                    return LapFault.None;
                }, u => u.Science.ExpId);
            }

            throw new InvalidOperationException($"The diff rounds of {context.InstanceId} made no progress: every round should diff or drop an exposure.");
        }

        private async Task<int> MagicAsync((RunExposure Science, RunExposure? Template, IReadOnlyList<DiffPair> Pairs, DiffStepResult Diff) unit)
        {
            var (science, template, used, diff) = unit;
            var destreak = System.IO.Path.Combine(step.WorkDirectory, "destreak", LapStep.Safe(step.LapId));
            var inputs = diff.Products.Select(p => new MagicInput(
                p.Output, science.Warp(p.Skycell)!, template?.Warp(p.Skycell),
                System.IO.Path.Combine(destreak, $"{science.Name}.{p.Skycell}"),
                template is null ? null : System.IO.Path.Combine(destreak, $"{template.Name}.{p.Skycell}"))).ToList();
            try
            {
                var magic = await executor.MagicAsync(context, new MagicStepInput(step, science.Name, template?.Name, inputs));
                var pairs = new List<DiffPair>();
                for (var k = 0; k < inputs.Count; k++)
                {
                    var skycell = diff.Products[k].Skycell;
                    science.Destreaked[skycell] = magic.Science[k];
                    // A pair's final template is its destreaked companion; a private exposure's is the stack it was diffed against.
                    var reference = used[k].Template;
                    if (template is not null && magic.Template[k] is { } destreakedTemplate)
                    {
                        template.Destreaked[skycell] = destreakedTemplate;
                        reference = destreakedTemplate;
                    }

                    pairs.Add(new DiffPair(skycell, magic.Science[k], reference));
                }

                var final = await executor.DiffAsync(context, new DiffStepInput(step, "final", science.ExpId, science.Name, template?.ExpId, template?.Name, pairs));
                finalDiffs += final.Products.Count;
            }
            catch (TaskFailedException failure)
            {
                return LapFault.FromFailure(failure.FailureDetails);
            }

            var changes = new List<ExposureStateChange> { new(science.ExpId, DataState: "full", Fault: 0) };
            if (template is not null)
            {
                changes.Add(new ExposureStateChange(template.ExpId, DataState: "full", Fault: 0));
            }

            await UpdateAsync(null, null, changes);
            return LapFault.None;
        }

        private static ImageProduct StackProduct(string image) => ImageProduct.ForBase(image[..^".fits".Length]);

        /// <summary>
        /// Runs <paramref name="attempt"/> over the items; items that fault (other than system faults, which the executor has
        /// already retried) wait, recorded in <c>lap_exposures.fault</c>, until an operator raises <c>revert</c> (optionally
        /// with a fault class: only that class is re-queued).
        /// </summary>
        private async Task WithRevertAsync<T>(string phase, List<T> items, Func<T, Task<int>> attempt, Func<T, int>? expId = null)
        {
            expId ??= item => item is RunExposure e ? e.ExpId : 0;
            var waiting = await AttemptAsync(items);

            // Each turn waits for an operator's revert, so the history grows by one revert's work per turn, not on its own.
            while (waiting.Count > 0)
            {
                await UpdateAsync(null, waiting.Max(w => w.Fault),
                    [.. waiting.Select(w => new ExposureStateChange(expId(w.Item), Fault: w.Fault, Note: $"{phase} fault {LapFault.Describe(w.Fault)}: raise 'revert' to retry"))]);
                Status(phase, string.Join(", ", waiting.Select(w => $"{expId(w.Item)}: fault {w.Fault}")));
                var payload = await context.WaitForExternalEvent<JsonElement?>(RevertEvent);
                var only = FaultClass(payload);
                List<T> todo = [.. waiting.Where(w => only is null || w.Fault == only).Select(w => w.Item)];
                waiting = [.. waiting.Where(w => only is not null && w.Fault != only)];
                await UpdateAsync(null, waiting.Count == 0 ? 0 : waiting.Max(w => w.Fault), [.. todo.Select(i => new ExposureStateChange(expId(i), Fault: 0))]);
                Status(phase);
                waiting.AddRange(await AttemptAsync(todo));
            }

            async Task<List<(T Item, int Fault)>> AttemptAsync(List<T> todo)
            {
                var results = await Task.WhenAll(todo.Select(async item => (Item: item, Fault: await attempt(item))));
                return [.. results.Where(r => r.Fault != LapFault.None)];
            }
        }

        private static int? FaultClass(JsonElement? payload) => payload switch
        {
            { ValueKind: JsonValueKind.Number } n when n.TryGetInt32(out var v) => v,
            { ValueKind: JsonValueKind.String } s when int.TryParse(s.GetString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var v) => v,
            { ValueKind: JsonValueKind.Object } o when o.TryGetProperty("fault", out var f) && f.TryGetInt32(out var v) => v,
            _ => null,
        };

        private Task UpdateAsync(string? runState, int? runFault, IReadOnlyList<ExposureStateChange> changes, IReadOnlyList<StackStateChange>? stackChanges = null) =>
            context.CallActivityAsync<bool>(LapActivityNames.State, new LapStateUpdate(step, runState, runFault, changes, stackChanges ?? []), retry);

        private void Status(string phase, string? waiting = null) => context.SetCustomStatus(new LapProgress(phase, waiting));

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}

using Microsoft.DurableTask;
using Nightshift.Activities.Facet;
using Nightshift.Activities.Steps;
using Nightshift.Durable;

namespace Nightshift.Workflows.Facet;

/// <summary>
/// A facet self-calibration run over one field (Factor's runfactor): prepare (DI table, chunking); directions (file or
/// automatic; an interactive pause); the facet layout check; outlier peeling; per selfcal group, self-calibration of
/// its directions in parallel and their subtractions one at a time; facet imaging; the mosaic. Every operation is a
/// steps-ledger entry in the field's scope, so running the same configuration again skips what is done, and a reset
/// (an event at the next safe point while running, or a ledger edit afterwards) makes a later run redo it.
/// </summary>
internal sealed class FacetFieldOrchestration : TaskOrchestrator<FacetConfig, FacetRunResult>
{
    public override async Task<FacetRunResult> RunAsync(TaskOrchestrationContext context, FacetConfig input)
    {
        var run = new FieldRun(context, input);
        return await run.RunAsync();
    }

    /// <summary>The state of one execution; a reset applied at a safe point ends it with ContinueAsNew.</summary>
    private sealed class FieldRun(TaskOrchestrationContext context, FacetConfig config)
    {
        private readonly Task<FacetResetRequest> resetRequested = context.WaitForExternalEvent<FacetResetRequest>(FacetPipeline.ResetEvent);
        private int groupCount;

        private string Scope => config.Scope;

        public async Task<FacetRunResult> RunAsync()
        {
            Status("running", "prepare", 0, []);
            await context.RunStepAsync(Scope, FacetKeys.Step(FacetKeys.Field, "prepare"), FacetActivityNames.Prepare,
                new PrepareFieldInput(config.WorkingDir, config.InputDir, config.Simulate),
                new StepOptions<FieldInfo>
                {
                    CodeVersion = FacetPipeline.CodeVersion,
                    Products = f => [FacetWorkspace.ChunksDirectory(config.WorkingDir)],
                });

            var chooser = new ChooseDirectionsInput(config.WorkingDir, config.InputDir, config.DirectionsFile, config.Selection, config.Settings);
            var directions = await context.CallActivityAsync<DirectionsResult>(FacetActivityNames.Directions, chooser);
            if (config.Interactive)
            {
                var reason = $"interactive = True: {directions.Directions.Count} directions chosen ({directions.Source}); check or edit {directions.File}, then run 'nightshift resume {context.InstanceId}'";
                Status("waiting", "directions", 0, [.. directions.Directions.Select(d => d.Name)], reason, FacetPipeline.ContinueEvent);
                var proceed = context.WaitForExternalEvent<object?>(FacetPipeline.ContinueEvent);
                await Task.WhenAny(proceed, resetRequested);
                if (await ResetAtSafePointAsync())
                {
                    return new FacetRunResult();
                }

                // The operator may have edited the file during the pause: read it again.
                directions = await context.CallActivityAsync<DirectionsResult>(FacetActivityNames.Directions, chooser);
            }

            var all = directions.Directions;
            await CheckLayoutAsync(all);
            var groups = FacetPlan.Groups(all, config.Groupings);
            groupCount = groups.Count;

            var subtracted = new HashSet<string>(StringComparer.Ordinal);
            var passed = new HashSet<string>(StringComparer.Ordinal);
            var failed = new List<string>();
            var selfcal = new List<SelfcalResult>();

            // The subtractions a selfcal assumes have not happened yet: its own, and those of every direction after it.
            var order = all.Where(d => d.Outlier).Select(d => (d.Name, Key: FacetKeys.Step(d.Name, FacetKeys.OutlierPeel + "/sub")))
                .Concat(groups.SelectMany(g => g).Select(n => (Name: n, Key: FacetKeys.Step(n, FacetKeys.FacetSub)))).ToList();
            IReadOnlyList<string> LaterSubtractions(string first) => [.. order.SkipWhile(o => o.Name != first).Select(o => o.Key)];

            foreach (var outlier in all.Where(d => d.Outlier))
            {
                Status("running", FacetKeys.OutlierPeel, 0, [outlier.Name]);
                await UndoLaterSubtractionsAsync([outlier.Name], FacetKeys.OutlierPeel, all, subtracted, LaterSubtractions(outlier.Name));
                Status("running", FacetKeys.OutlierPeel, 0, [outlier.Name]);
                var result = await SelfcalAsync(outlier.Name, FacetKeys.OutlierPeel, all, subtracted);
                selfcal.Add(result);
                await AfterSelfcalAsync(result, FacetKeys.OutlierPeel, all, subtracted, passed, failed);
                if (await ResetAtSafePointAsync())
                {
                    return new FacetRunResult();
                }
            }

            var done = 0;
            for (var g = 0; g < groups.Count; g++)
            {
                if (config.StopAfterGroups is { } stopAfter && g >= stopAfter)
                {
                    Status("stopped", FacetKeys.FacetSelfcal, g, [],
                        $"stopped after {stopAfter} of {groups.Count} selfcal groups (-s {stopAfter}); run again with a larger -s (or none) to continue from group {g + 1}");
                    return new FacetRunResult
                    {
                        Groups = groups.Count, GroupsDone = done, Stopped = true, Passed = [.. passed], Failed = failed, Selfcal = selfcal,
                    };
                }

                var group = groups[g];
                Status("running", FacetKeys.FacetSelfcal, g + 1, group);
                await UndoLaterSubtractionsAsync(group, FacetKeys.FacetSelfcal, all, subtracted, LaterSubtractions(group[0]));
                Status("running", FacetKeys.FacetSelfcal, g + 1, group);
                var results = await Task.WhenAll(group.Select(d => SelfcalAsync(d, FacetKeys.FacetSelfcal, all, subtracted)));
                foreach (var result in results)
                {
                    selfcal.Add(result);
                    Status("running", FacetKeys.FacetSub, g + 1, [result.Direction]);
                    await AfterSelfcalAsync(result, FacetKeys.FacetSub, all, subtracted, passed, failed);
                }

                done++;
                if (await ResetAtSafePointAsync())
                {
                    return new FacetRunResult();
                }
            }

            var facets = all.Where(d => d.IsFacet).ToList();
            // What the working data holds now: the solutions every subtracted model was made with. A facet image depends
            // on it (the other facets' residuals are in it), so a changed subtraction redoes the images.
            var dataState = StepOrchestrationExtensions.Hash(selfcal.Where(s => subtracted.Contains(s.Direction))
                .OrderBy(s => s.Direction, StringComparer.Ordinal).Select(s => $"{s.Direction}:{s.Verification.SolutionsChecksum}").ToList());
            Status("running", FacetKeys.FacetImage, groups.Count, [.. facets.Select(f => f.Name)]);
            var images = new List<FacetImageResult>();
            foreach (var image in await Task.WhenAll(facets.Select(f => ImageAsync(f, all, passed, subtracted, selfcal, dataState))))
            {
                if (image is not null)
                {
                    images.Add(image);
                }
            }

            if (await ResetAtSafePointAsync())
            {
                return new FacetRunResult();
            }

            MosaicResult? mosaic = null;
            if (images.Count > 0)
            {
                Status("running", FacetKeys.FieldMosaic, groups.Count, [FacetKeys.Field]);
                mosaic = await context.RunStepAsync(Scope, FacetKeys.Step(FacetKeys.Field, FacetKeys.FieldMosaic), FacetActivityNames.Mosaic,
                    new MosaicInput(config.WorkingDir, all, images, config.Settings),
                    new StepOptions<MosaicResult>
                    {
                        CodeVersion = FacetPipeline.CodeVersion,
                        Products = m => [FacetWorkspace.ResultsDirectory(config.WorkingDir, FacetKeys.FieldMosaic, FacetKeys.Field)],
                    });
            }

            Status("done", FacetKeys.FieldMosaic, groups.Count, [], failed.Count == 0 ? null : $"selfcal failed for {string.Join(", ", failed)}");
            return new FacetRunResult
            {
                Groups = groups.Count, GroupsDone = done, Passed = [.. passed], Failed = failed, Selfcal = selfcal, Images = images, Mosaic = mosaic,
            };
        }

        private async Task CheckLayoutAsync(IReadOnlyList<FacetDirection> all)
        {
            var signature = FacetPlan.LayoutSignature(all, config.Settings.FacetingRadiusDeg);
            var key = FacetKeys.Step(FacetKeys.Field, "layout");
            var recorded = await context.CallActivityAsync<IReadOnlyList<StepRecord>>(StepActivityNames.Select, new StepSelection(Scope, [key]));
            if (recorded.FirstOrDefault(r => r.Key == key && r.Status == StepStatus.Completed) is { } previous)
            {
                var before = DurableJson.Deserialize<string>(previous.Result);
                if (before != signature)
                {
                    throw new InvalidOperationException(FacetLayoutCheck.Describe(before ?? "", signature, config.WorkingDir));
                }

                return;
            }

            await context.RunStepAsync(Scope, key, signature, () => Task.FromResult(signature), new StepOptions<string> { CodeVersion = FacetPipeline.CodeVersion });
        }

        private SelfcalInput SelfcalInputOf(string direction, string operation, IReadOnlyList<FacetDirection> all, HashSet<string> subtracted)
        {
            // Solved together with every direction still in the data at this point of the plan, this one first (see
            // SelfcalCycleActivity).
            var joint = new List<string> { direction };
            joint.AddRange(all.Where(d => d.Name != direction && !subtracted.Contains(d.Name)).Select(d => d.Name));
            return new SelfcalInput(Scope, operation, config.WorkingDir, config.InputDir, direction, all, joint,
                config.MaxSelfcalLoops, config.MinDynamicRangeImprovement, config.Settings);
        }

        /// <summary>
        /// Before selfcal of <paramref name="directions"/> runs again (new input: a changed parset, a reset), the data
        /// must be as the plan has it at that point: every subtraction from these directions on is undone first. Done
        /// once here, not per parallel selfcal, so no model is ever added back twice.
        /// </summary>
        private async Task UndoLaterSubtractionsAsync(IReadOnlyList<string> directions, string operation, IReadOnlyList<FacetDirection> all, HashSet<string> subtracted, IReadOnlyList<string> later)
        {
            var keys = directions.Select(d => FacetKeys.Step(d, operation)).ToList();
            var recorded = await context.CallActivityAsync<IReadOnlyList<StepRecord>>(StepActivityNames.Select, new StepSelection(Scope, [.. keys, .. later]));
            var stale = directions.Where(d => !StepOrchestrationExtensions.IsCurrent(
                recorded.FirstOrDefault(r => r.Key == FacetKeys.Step(d, operation)), SelfcalInputOf(d, operation, all, subtracted), FacetPipeline.CodeVersion)).ToList();
            var applied = later.Where(k => recorded.Any(r => r.Key == k && r.Status == StepStatus.Completed)).ToList();
            if (stale.Count > 0 && applied.Count > 0)
            {
                Status("running", "undo subtractions", 0, applied, $"selfcal of {string.Join(", ", stale)} runs (again): adding back the models subtracted from here on first");
                await context.ResetStepsAsync(new StepSelection(Scope, applied));
            }
        }

        private Task<SelfcalResult> SelfcalAsync(string direction, string operation, IReadOnlyList<FacetDirection> all, HashSet<string> subtracted)
        {
            var input = SelfcalInputOf(direction, operation, all, subtracted);
            var key = FacetKeys.Step(direction, operation);
            return context.RunStepAsync(Scope, key, input,
                () => context.CallSubOrchestratorAsync<SelfcalResult>(FacetPipeline.Selfcal, input,
                    new SubOrchestrationOptions { InstanceId = $"{context.InstanceId}:{key}:{context.NewGuid():N}" }),
                new StepOptions<SelfcalResult>
                {
                    CodeVersion = FacetPipeline.CodeVersion,
                    Products = r => [FacetWorkspace.ResultsDirectory(config.WorkingDir, operation, direction)],
                });
        }

        private async Task AfterSelfcalAsync(SelfcalResult result, string operation, IReadOnlyList<FacetDirection> all, HashSet<string> subtracted, HashSet<string> passed, List<string> failed)
        {
            if (!result.Passed)
            {
                failed.Add(result.Direction);
                if (config.ExitOnSelfcalFailure)
                {
                    throw new InvalidOperationException(
                        $"selfcal of {result.Direction} failed verification: {result.Verification.Reason}. exit_on_selfcal_failure = True stops the run; " +
                        $"set it to False to go on (the facet is then not subtracted and is imaged with the solutions of the nearest direction that passed), " +
                        $"or fix the cause and redo it with: nightshift reset PARSET -r {result.Direction} -o {operation switch { FacetKeys.OutlierPeel => FacetKeys.OutlierPeel, _ => FacetKeys.FacetSelfcal }}");
                }

                return;
            }

            passed.Add(result.Direction);
            var key = operation == FacetKeys.OutlierPeel ? FacetKeys.Step(result.Direction, FacetKeys.OutlierPeel + "/sub") : FacetKeys.Step(result.Direction, FacetKeys.FacetSub);
            await context.RunStepAsync(Scope, key, FacetActivityNames.Subtract,
                new SubtractInput(config.WorkingDir, config.InputDir, result.Direction, all, result.Verification.Solutions, result.Verification.SolutionsChecksum, config.Settings),
                new StepOptions<SubtractResult>
                {
                    CodeVersion = FacetPipeline.CodeVersion,
                    Products = s => [s.Model],
                    Undo = s => StepUndo.Call(FacetActivityNames.AddBack, new AddBackInput(config.WorkingDir, s.Direction, s.Model)),
                });
            subtracted.Add(result.Direction);
        }

        private async Task<FacetImageResult?> ImageAsync(FacetDirection facet, IReadOnlyList<FacetDirection> all, HashSet<string> passed, HashSet<string> subtracted, List<SelfcalResult> selfcal, string dataState)
        {
            var from = FacetPlan.NearestPassing(facet, all, passed);
            if (from is null || selfcal.FirstOrDefault(s => s.Direction == from.Name) is not { } source)
            {
                return null;
            }

            var model = subtracted.Contains(facet.Name)
                ? Path.Combine(FacetWorkspace.ResultsDirectory(config.WorkingDir, FacetKeys.FacetSub, facet.Name), "subtracted_model.vis")
                : null;
            return await context.RunStepAsync(Scope, FacetKeys.Step(facet.Name, FacetKeys.FacetImage), FacetActivityNames.Image,
                new ImageFacetInput(config.WorkingDir, config.InputDir, facet.Name, all, from.Name, source.Verification.Solutions, source.Verification.SolutionsChecksum, model, dataState, config.Settings),
                new StepOptions<FacetImageResult>
                {
                    CodeVersion = FacetPipeline.CodeVersion,
                    Products = r => [FacetWorkspace.ResultsDirectory(config.WorkingDir, FacetKeys.FacetImage, facet.Name)],
                });
        }

        /// <summary>
        /// A safe point: no operation is half done. A reset that arrived is applied here (undo, delete), and the run
        /// starts over as a new execution, which the ledger takes straight back to where the reset left things.
        /// </summary>
        private async Task<bool> ResetAtSafePointAsync()
        {
            if (!resetRequested.IsCompleted)
            {
                return false;
            }

            var request = await resetRequested;
            Status("running", "reset", 0, [.. request.Steps], $"applying a reset of {string.Join(", ", request.Steps)}");
            await context.ResetStepsAsync(new StepSelection(Scope, request.Steps));
            context.ContinueAsNew(config);
            return true;
        }

        private void Status(string state, string operation, int group, IReadOnlyList<string> directions, string? reason = null, string? waitingFor = null) =>
            context.SetCustomStatus(new FacetStatus(state, operation, group, groupCount, directions, reason, waitingFor));
    }
}

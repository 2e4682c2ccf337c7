using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Tests.Lap;

/// <summary>
/// The demo survey pushed once through chip → warp → stack → diff, shared by the science tests (the kernels take a few
/// seconds in total; doing it once keeps each test short).
/// </summary>
internal sealed class LapDemo
{
    private static readonly Lazy<LapDemo> Shared = new(() => new LapDemo(new SurveyConfig(), "demo"));

    private LapDemo(SurveyConfig config, string name)
    {
        Root = Path.Combine(Path.GetTempPath(), "ns-lap-tests", $"{name}-{Environment.ProcessId}");
        if (Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }

        Manifest = SurveyGenerator.Generate(config, Path.Combine(Root, "survey"));
        var work = Path.Combine(Root, "work");
        foreach (var exposure in Manifest.Exposures.Where(e => e.Kind != SurveyExposureKind.Junk))
        {
            var chip = ChipKernel.Run(Manifest.Resolve(exposure.RawPath), Manifest.Resolve(Manifest.BiasPath), Manifest.Resolve(Manifest.FlatPath),
                Path.Combine(work, "chip", exposure.Name));
            Chips[exposure.Name] = chip;
            var cell = Manifest.ProjectionCells.Single(c => c.Name == exposure.ProjectionCell);
            Warps[exposure.Name] = WarpKernel.Run(chip.Output, cell.Skycells, Path.Combine(work, "warp"));
        }

        Good = Manifest.Exposures.Where(e => e.Kind != SurveyExposureKind.Junk && Chips[e.Name].BadFraction <= 0.05).ToList();
        foreach (var cell in Manifest.ProjectionCells)
        {
            foreach (var skycell in cell.Skycells)
            {
                var inputs = Good.Where(e => e.ProjectionCell == cell.Name)
                    .SelectMany(e => Warps[e.Name].Warps.Where(w => w.Skycell == skycell.Name)).Select(w => w.Output).ToList();
                Stacks[skycell.Name] = StackKernel.Run(inputs, Path.Combine(work, "stack", $"stack.{skycell.Name}"));
            }
        }

        // Pairs in time order by OBJECT + COMMENT; an exposure whose companion is bad becomes private.
        foreach (var group in Good.GroupBy(e => (e.Object, e.Comment)))
        {
            var members = group.OrderBy(e => e.MjdObs).ToList();
            var all = Manifest.Exposures.Where(e => e.Object == group.Key.Object && e.Comment == group.Key.Comment).OrderBy(e => e.MjdObs).ToList();
            for (var i = 0; i + 1 < all.Count; i += 2)
            {
                if (members.Contains(all[i]) && members.Contains(all[i + 1]))
                {
                    Pairs.Add((all[i], all[i + 1]));
                }
            }
        }

        var paired = Pairs.SelectMany(p => new[] { p.A, p.B }).ToHashSet();
        foreach (var (a, b) in Pairs)
        {
            foreach (var warp in Warps[a.Name].Warps)
            {
                var other = Warps[b.Name].Warps.SingleOrDefault(w => w.Skycell == warp.Skycell);
                if (other is not null)
                {
                    Diffs.Add(new DiffRun(a, b, warp.Skycell, DiffKernel.Run(warp.Output, other.Output, Path.Combine(work, "diff", $"{a.Name}-{b.Name}.{warp.Skycell}"))));
                }
            }
        }

        foreach (var exposure in Good.Where(e => !paired.Contains(e)))
        {
            foreach (var warp in Warps[exposure.Name].Warps)
            {
                var stack = Stacks[warp.Skycell];
                if (stack.Created)
                {
                    Diffs.Add(new DiffRun(exposure, null, warp.Skycell,
                        DiffKernel.Run(warp.Output, stack.Output!, Path.Combine(work, "diff", $"{exposure.Name}-stack.{warp.Skycell}"))));
                }
            }
        }

        // Magic per exposure pair over all its skycells, then the final differences from destreaked warps.
        foreach (var group in Diffs.GroupBy(d => (d.Science, d.Template)))
        {
            var runs = group.ToList();
            var inputs = runs.Select(run =>
            {
                var tag = $"{run.Science.Name}-{run.Template?.Name ?? "stack"}.{run.Skycell}";
                var scienceWarp = Warps[run.Science.Name].Warps.Single(w => w.Skycell == run.Skycell).Output;
                var templateWarp = run.Template is null ? null : Warps[run.Template.Name].Warps.Single(w => w.Skycell == run.Skycell).Output;
                return new MagicInput(run.Result.Output, scienceWarp, templateWarp, Path.Combine(work, "destreak", $"{tag}.sci"),
                    templateWarp is null ? null : Path.Combine(work, "destreak", $"{tag}.tmpl"));
            }).ToList();
            var results = MagicKernel.RunExposure(inputs);
            for (var k = 0; k < runs.Count; k++)
            {
                var run = runs[k];
                var magic = results[k];
                Magic[run] = magic;
                var template = magic.DestreakedTemplate ?? Stacks[run.Skycell].Output!;
                var tag = $"{run.Science.Name}-{run.Template?.Name ?? "stack"}.{run.Skycell}";
                FinalDiffs.Add(run with { Result = DiffKernel.Run(magic.DestreakedScience, template, Path.Combine(work, "final", tag)) });
            }
        }
    }

    public static LapDemo Instance => Shared.Value;

    public string Root { get; }

    public SurveyManifest Manifest { get; }

    public Dictionary<string, ChipResult> Chips { get; } = [];

    public Dictionary<string, WarpResult> Warps { get; } = [];

    public Dictionary<string, StackResult> Stacks { get; } = [];

    public List<SurveyExposure> Good { get; }

    public List<(SurveyExposure A, SurveyExposure B)> Pairs { get; } = [];

    public List<DiffRun> Diffs { get; } = [];

    public Dictionary<DiffRun, MagicResult> Magic { get; } = [];

    public List<DiffRun> FinalDiffs { get; } = [];

    internal sealed record DiffRun(SurveyExposure Science, SurveyExposure? Template, string Skycell, DiffResult Result);
}

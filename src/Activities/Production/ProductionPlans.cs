using Nightshift.Activities.Jobs;
using Nightshift.Activities.Kernels.Snf;

namespace Nightshift.Activities.Production;

/// <summary>
/// The plans of a production, in order, and the job that runs each: a <c>snf.PLAN</c> kernel with the raw and product
/// directories, the night or target, and <see cref="JobSpec.Outputs"/> set to exactly the files and directories the
/// kernel writes (so <c>nightshift jobs delete</c> can remove them and <c>production check</c> can expect them).
/// </summary>
internal static class ProductionPlans
{
    /// <summary>Night-oriented plans, in order.</summary>
    public static readonly IReadOnlyList<string> Night = ["file_quality", "cube_generation", "extract_star", "multi_standard", "photometricity", "photometric_ratios", "gs_psf"];

    /// <summary>Target-oriented plans, in order.</summary>
    public static readonly IReadOnlyList<string> Target = ["flux_solution", "flux_calibration", "cubefit", "extract_star", "analyze_timeseries"];

    public static JobSpec NightJob(string plan, string raw, string prod, string night, string backend)
    {
        var layout = new SnfLayout(raw, prod);
        IReadOnlyList<string> outputs = plan switch
        {
            "file_quality" => [layout.Quality(night)],
            "cube_generation" => [layout.Cubes(night)],
            "extract_star" => [layout.Stars(night)],
            "multi_standard" => [layout.Extinction(night)],
            "photometricity" => [layout.Photometricity(night)],
            "photometric_ratios" => [layout.Ratios(night)],
            "gs_psf" => [layout.GuidePsf(night)],
            _ => throw new ArgumentException($"'{plan}' is not a night plan (known: {string.Join(", ", Night)})", nameof(plan)),
        };
        return JobSpec.ForKernel(plan, "snf." + plan, "--raw", raw, "--prod", prod, "--night", night) with { Backend = backend, Outputs = outputs };
    }

    public static JobSpec TargetJob(string plan, string raw, string prod, string target, IReadOnlyList<string> nights, string backend)
    {
        var layout = new SnfLayout(raw, prod);
        IReadOnlyList<string> outputs = plan switch
        {
            "flux_solution" => [layout.FluxSolution(target)],
            "flux_calibration" => [layout.CalibratedCubes(target)],
            "cubefit" => [layout.HostModel(target), layout.SubtractedCubes(target)],
            "extract_star" => [layout.Spectra(target)],
            "analyze_timeseries" => [layout.LightCurve(target)],
            _ => throw new ArgumentException($"'{plan}' is not a target plan (known: {string.Join(", ", Target)})", nameof(plan)),
        };
        string[] arguments = plan is "flux_calibration" or "analyze_timeseries"
            ? ["--raw", raw, "--prod", prod, "--target", target]
            : ["--raw", raw, "--prod", prod, "--target", target, "--nights", string.Join(',', nights)];
        return JobSpec.ForKernel(plan, "snf." + plan, arguments) with { Backend = backend, Outputs = outputs };
    }

    /// <summary>The status file of a night's or target's chain in the production directory.</summary>
    public static string StatusFile(string prod, string kind, string unit)
        => kind == UnitRecord.Night
            ? Path.Combine(new SnfLayout("", prod).Night(unit), "night-status.json")
            : Path.Combine(new SnfLayout("", prod).Target(unit), "target-status.json");
}

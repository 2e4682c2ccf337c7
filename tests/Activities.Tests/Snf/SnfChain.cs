using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Snf;

namespace Nightshift.Activities.Tests.Snf;

/// <summary>Runs the SNfactory plan kernels in order, in-process, as the production's jobs would on a node.</summary>
internal static class SnfChain
{
    public static readonly string[] NightPlans = ["snf.file_quality", "snf.cube_generation", "snf.extract_star", "snf.multi_standard", "snf.photometricity", "snf.photometric_ratios", "snf.gs_psf"];

    public static async Task<SnfTruth> RunAsync(string root, SnfSurveyOptions options)
    {
        var truth = SnfGenerator.Generate(options, root);
        var registry = KernelRegistry.CreateDefault();
        var raw = Path.Combine(root, "raw");
        var prod = Path.Combine(root, "prod");
        foreach (var night in truth.Nights)
        {
            foreach (var plan in NightPlans)
            {
                await RunAsync(registry, plan, "--raw", raw, "--prod", prod, "--night", night.Night);
            }
        }

        foreach (var target in truth.Targets)
        {
            var nights = string.Join(',', target.Epochs.Select(e => e.Night).Distinct());
            await RunAsync(registry, "snf.flux_solution", "--raw", raw, "--prod", prod, "--target", target.Name, "--nights", nights);
            await RunAsync(registry, "snf.flux_calibration", "--raw", raw, "--prod", prod, "--target", target.Name);
            await RunAsync(registry, "snf.cubefit", "--raw", raw, "--prod", prod, "--target", target.Name, "--nights", nights);
            await RunAsync(registry, "snf.extract_star", "--raw", raw, "--prod", prod, "--target", target.Name, "--nights", nights);
            await RunAsync(registry, "snf.analyze_timeseries", "--raw", raw, "--prod", prod, "--target", target.Name);
        }

        return truth;
    }

    public static async Task RunAsync(KernelRegistry registry, string kernel, params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await registry.RunAsync(kernel, args, stdout, stderr);
        Assert.AreEqual(0, code, $"{kernel} {string.Join(' ', args)}: {stderr}");
    }
}

using Nightshift.Activities.Kernels.Common;
using Nightshift.Activities.Kernels.Snf;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable;

namespace Nightshift.Activities.Tests.Snf;

/// <summary>
/// The SNfactory kernels against the generator's truth: bad frames caught, cloudy nights flagged, extinction measured,
/// and calibrated supernova fluxes within 3 % on photometric nights after the host galaxy is modelled out.
/// </summary>
[TestClass]
public sealed class SnfScienceTests
{
    private static readonly SnfSurveyOptions Options = new() { Nights = 14, Targets = 6, Seed = 7, BadFrameFraction = 0.25, NonPhotometricFraction = 0.35 };
    private static TempDirectory? dir;
    private static SnfTruth? truth;

    private static SnfLayout Layout => new(Path.Combine(dir!.Path, "raw"), Path.Combine(dir.Path, "prod"));

    [ClassInitialize]
    public static async Task RunChain(TestContext context)
    {
        _ = context;
        dir = new TempDirectory();
        truth = await SnfChain.RunAsync(dir.Path, Options);
    }

    [ClassCleanup]
    public static void Cleanup() { if (Environment.GetEnvironmentVariable("SNF_KEEP") is null) { dir?.Dispose(); } }

    [TestMethod]
    public void Data_set_has_cloudy_nights_bad_frames_and_targets_on_several_nights()
    {
        Assert.IsTrue(truth!.Nights.Any(n => !n.Photometric) && truth.Nights.Any(n => n.Photometric));
        Assert.IsTrue(truth.Nights.SelectMany(n => n.Exposures).Any(e => e.Bad is not null), "some bad frames");
        Assert.IsTrue(truth.Targets.All(t => t.Epochs.Select(e => e.Night).Distinct().Count() >= 4));
    }

    [TestMethod]
    public void File_quality_flags_exactly_the_corrupted_frames()
    {
        foreach (var night in truth!.Nights)
        {
            var quality = SnfLayout.Read<List<FrameQuality>>(Layout.Quality(night.Night)).ToDictionary(q => q.Id);
            foreach (var exposure in night.Exposures)
            {
                Assert.AreEqual(exposure.Bad is null, quality[exposure.Id].Good, $"{exposure.Id} ({exposure.Bad ?? "good"}): {quality[exposure.Id].Reason}");
            }
        }
    }

    [TestMethod]
    public void Cloudy_nights_are_flagged_non_photometric_and_clear_ones_photometric()
    {
        foreach (var night in truth!.Nights)
        {
            var flag = SnfLayout.Read<NightPhotometricity>(Layout.Photometricity(night.Night));
            Assert.AreEqual(night.Photometric, flag.Photometric, $"night {night.Night}: rms {flag.Rms:F4}");
        }
    }

    [TestMethod]
    public void Extinction_of_clear_nights_matches_the_atmosphere()
    {
        foreach (var night in truth!.Nights.Where(n => n.Photometric))
        {
            var solution = SnfLayout.Read<ExtinctionSolution>(Layout.Extinction(night.Night));
            var errors = Enumerable.Range(0, SnfInstrument.Bins).Select(b => solution.K[b] - SnfInstrument.Extinction(SnfInstrument.Wavelength(b), night.Grey)).ToArray();
            // Four standards per night: each bin's coefficient is good to a few hundredths, their mean to one.
            Assert.IsTrue(errors.All(e => Math.Abs(e) < 0.06), $"night {night.Night}: k errors {string.Join(", ", errors.Select(e => e.ToString("F3")))}");
            Assert.AreEqual(0, errors.Average(), 0.015, $"night {night.Night}: mean k error");
            Assert.IsTrue(solution.Rms < 0.02, $"night {night.Night}: rms {solution.Rms}");
        }
    }

    [TestMethod]
    public void Calibrated_supernova_fluxes_are_within_3_percent_of_truth_on_photometric_nights()
    {
        var compared = 0;
        foreach (var target in truth!.Targets)
        {
            var spectra = SnfLayout.Read<TargetSpectra>(Layout.Spectra(target.Name)).Epochs.ToDictionary(e => e.Id);
            var peak = target.Epochs.Max(e => e.Flux.Sum());
            foreach (var epoch in target.Epochs.Where(e => e.Bad is null && !e.Reference))
            {
                var night = truth.Nights.Single(n => n.Night == epoch.Night);
                var measured = spectra[epoch.Id];
                Assert.AreEqual(night.Photometric, measured.Photometric, $"{epoch.Id} photometric flag");
                if (!night.Photometric || epoch.Flux.Sum() < 0.3 * peak)
                {
                    continue;
                }

                var error = (measured.Flux.Sum() / epoch.Flux.Sum()) - 1;
                Assert.IsTrue(Math.Abs(error) < 0.03, $"{target.Name} {epoch.Id}: total flux {measured.Flux.Sum():F1} against {epoch.Flux.Sum():F1} ({error:P2})");
                compared++;
            }
        }

        Assert.IsTrue(compared >= 4, $"only {compared} bright photometric epochs compared");
    }

    [TestMethod]
    public void Cloudy_epochs_are_recovered_through_photometric_ratios_within_10_percent()
    {
        foreach (var target in truth!.Targets)
        {
            var spectra = SnfLayout.Read<TargetSpectra>(Layout.Spectra(target.Name)).Epochs.ToDictionary(e => e.Id);
            var peak = target.Epochs.Max(e => e.Flux.Sum());
            foreach (var epoch in target.Epochs.Where(e => e.Bad is null && !e.Reference && e.Flux.Sum() >= 0.3 * peak))
            {
                if (truth.Nights.Single(n => n.Night == epoch.Night).Photometric)
                {
                    continue;
                }

                var error = (spectra[epoch.Id].Flux.Sum() / epoch.Flux.Sum()) - 1;
                Assert.IsTrue(Math.Abs(error) < 0.10, $"{target.Name} {epoch.Id} (cloudy): {error:P2}");
            }
        }
    }

    [TestMethod]
    public void Host_model_is_common_and_the_reference_epoch_is_empty_after_subtraction()
    {
        foreach (var target in truth!.Targets)
        {
            var host = SnfLayout.Read<HostModel>(Layout.HostModel(target.Name));
            Assert.AreEqual(target.SourceX, host.SourceX, 0.15, $"{target.Name} source x");
            Assert.AreEqual(target.SourceY, host.SourceY, 0.15, $"{target.Name} source y");
            Assert.AreEqual(target.HostX, host.HostX, 0.3, $"{target.Name} host x");
            var expected = SnfInstrument.Wavelengths().Select(l => target.HostAmplitude * Math.Pow(l / 6000, target.HostSlope)).Sum();
            Assert.AreEqual(1, host.Host.Sum() / expected, 0.05, $"{target.Name} host flux");
        }
    }

    [TestMethod]
    public void Light_curve_maximum_is_found_near_the_true_one_when_three_epochs_are_good()
    {
        var fitted = 0;
        foreach (var target in truth!.Targets)
        {
            var curve = SnfLayout.Read<LightCurve>(Layout.LightCurve(target.Name));
            Assert.AreEqual(target.Epochs.Count(e => e.Bad is null), curve.Points.Count);
            if (target.Epochs.Count(e => e.Bad is null && !e.Reference) >= 3)
            {
                // Epochs 4 days apart, light curve σ 3.2 days: the fitted maximum lands within a day.
                Assert.AreEqual(target.T0, curve.PeakMjd, 1.0, $"{target.Name} maximum");
                fitted++;
            }
        }

        Assert.IsTrue(fitted >= 2, $"only {fitted} targets with three good epochs");
    }

    [TestMethod]
    public async Task Kernel_with_a_missing_input_exits_1_naming_the_file_and_a_bad_command_line_exits_2()
    {
        var registry = KernelRegistry.CreateDefault();
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await registry.RunAsync("snf.multi_standard", ["--raw", Layout.Raw, "--prod", Path.Combine(dir!.Path, "empty"), "--night", truth!.Nights[0].Night], stdout, stderr);
        Assert.AreEqual(1, code);
        StringAssert.Contains(stderr.ToString(), "quality.json");
        using var stderr2 = new StringWriter();
        Assert.AreEqual(2, await registry.RunAsync("snf.cubefit", ["--raw", Layout.Raw], stdout, stderr2));
        StringAssert.Contains(stderr2.ToString(), "--prod");
    }
}

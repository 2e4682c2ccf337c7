using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Des;

namespace Nightshift.Activities.Tests.Des;

[TestClass]
public sealed class DesScienceTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Astrometric_solution_of_good_ccds_puts_matched_stars_within_a_tenth_of_a_pixel_of_truth()
    {
        var f = DesNightFixture.Instance;
        var reference = File.ReadLines(f.Night.ReferenceCatalog).Skip(1).Select(l => l.Split(','))
            .ToDictionary(c => long.Parse(c[0], System.Globalization.CultureInfo.InvariantCulture),
                c => (Ra: double.Parse(c[1], System.Globalization.CultureInfo.InvariantCulture), Dec: double.Parse(c[2], System.Globalization.CultureInfo.InvariantCulture)));
        foreach (var exposure in new[] { f.Template, f.Search })
        {
            foreach (var ccd in DesNightFixture.GoodCcds)
            {
                var (products, astrometry, _, _) = f.Processed[(exposure.ExpNum, ccd)];
                var truth = f.Truth(exposure.ExpNum, ccd).Wcs;
                var matched = DesSourceCatalog.Read(products.AstrometryCatalog).Where(s => s.RefId >= 0).ToList();
                var squares = matched.Select(s =>
                {
                    var (ra, dec) = reference[s.RefId];
                    var (fx, fy) = astrometry.Wcs.SkyToPixel(ra, dec);
                    var (tx, ty) = truth.SkyToPixel(ra, dec);
                    return ((fx - tx) * (fx - tx)) + ((fy - ty) * (fy - ty));
                }).ToList();
                var rms = Math.Sqrt(squares.Average());
                TestContext.WriteLine($"D{exposure.ExpNum} c{ccd}: {matched.Count} matches, fit rms {astrometry.RmsPixels:F3} px, rms vs truth {rms:F4} px, shift from nominal {astrometry.ShiftPixels:F2} px");
                Assert.IsFalse(astrometry.Flagged, astrometry.Reason);
                Assert.IsGreaterThanOrEqualTo(AstrometryKernel.MinimumMatches, matched.Count);
                Assert.IsLessThan(0.1, rms, $"D{exposure.ExpNum} c{ccd}");
            }
        }
    }

    [TestMethod]
    public void Psf_model_of_good_ccds_matches_the_true_seeing_within_3_percent()
    {
        var f = DesNightFixture.Instance;
        foreach (var ((expNum, ccd), p) in f.Processed.Where(p => DesNightFixture.GoodCcds.Contains(p.Key.Ccd)))
        {
            var truth = f.Truth(expNum, ccd).PsfSigma;
            TestContext.WriteLine($"D{expNum} c{ccd}: sigma {p.Psf.Sigma:F3} from {p.Psf.Stars} stars, truth {truth:F3}");
            Assert.IsFalse(p.Psf.Flagged);
            Assert.IsLessThan(0.03, Math.Abs(p.Psf.Sigma / truth - 1));
        }
    }

    [TestMethod]
    public void Zero_points_of_good_ccds_are_within_two_hundredths_of_a_magnitude_of_truth()
    {
        var f = DesNightFixture.Instance;
        foreach (var ((expNum, ccd), p) in f.Processed.Where(p => DesNightFixture.GoodCcds.Contains(p.Key.Ccd)))
        {
            var truth = f.Truth(expNum, ccd).ZeroPoint;
            TestContext.WriteLine($"D{expNum} c{ccd}: zp {p.Calibration.ZeroPoint:F4} ± {p.Calibration.ZeroPointError:F4} from {p.Calibration.Used}/{p.Calibration.Matched} stars, truth {truth:F4}, error {p.Calibration.ZeroPoint - truth:+0.0000;-0.0000}");
            Assert.IsFalse(p.Calibration.Flagged, p.Calibration.Reason);
            Assert.IsLessThan(0.02, Math.Abs(p.Calibration.ZeroPoint!.Value - truth));
        }
    }

    [TestMethod]
    public void Ccd_with_too_few_reference_stars_is_flagged_and_gets_no_zero_point()
    {
        var f = DesNightFixture.Instance;
        foreach (var exposure in new[] { f.Template, f.Search })
        {
            var key = (exposure.ExpNum, 45);
            Assert.IsFalse(f.Failures.ContainsKey(key), f.Failures.GetValueOrDefault(key)?.Message);
            var calibration = f.Processed[key].Calibration;
            TestContext.WriteLine($"D{exposure.ExpNum} c45: {calibration.Reason}");
            Assert.IsTrue(calibration.Flagged);
            Assert.IsNull(calibration.ZeroPoint);
            Assert.Contains("minimum", calibration.Reason!);
        }
    }

    [TestMethod]
    public void Injected_transients_above_5_sigma_are_recovered_at_90_percent_with_at_most_5_percent_false_candidates()
    {
        var f = DesNightFixture.Instance;
        const double radius = 2.0;
        var expected = 0;
        var recovered = 0;
        var candidates = 0;
        var falseCandidates = 0;
        foreach (var (ccd, diff) in f.Diffs)
        {
            var wcs = TanWcs.FromHeader(FitsFile.Read(diff.Output.Image).Header);
            var mask = FitsFile.Read(diff.Output.Mask);
            var transients = f.SourceTruth.Where(t => t.Kind == "transient" && t.ExpNum == f.Search.ExpNum)
                .Select(t => (T: t, P: wcs.SkyToPixel(t.RaDeg, t.DecDeg))).ToList();
            foreach (var (t, p) in transients.Where(t => t.T.Ccd == ccd && t.T.ExpectedSnr >= 5))
            {
                // Under a saturated star, a bad column or outside the templates nothing can be found.
                var ix = (int)Math.Round(p.X);
                var iy = (int)Math.Round(p.Y);
                if (ix < 0 || iy < 0 || ix >= mask.Width || iy >= mask.Height || mask.Pixels[(iy * mask.Width) + ix] != 0)
                {
                    continue;
                }

                expected++;
                var found = diff.Candidates.Any(c => Math.Sqrt(Math.Pow(c.X - p.X, 2) + Math.Pow(c.Y - p.Y, 2)) <= radius);
                recovered += found ? 1 : 0;
                if (!found)
                {
                    TestContext.WriteLine($"missed c{ccd} ({p.X:F1},{p.Y:F1}) expected S/N {t.ExpectedSnr:F1} on galaxy {t.OnGalaxy}");
                }
            }

            foreach (var c in diff.Candidates)
            {
                candidates++;
                if (!transients.Any(t => Math.Sqrt(Math.Pow(c.X - t.P.X, 2) + Math.Pow(c.Y - t.P.Y, 2)) <= radius))
                {
                    falseCandidates++;
                    TestContext.WriteLine($"false c{ccd} ({c.X:F1},{c.Y:F1}) S/N {c.Snr:F1}");
                }
            }

            TestContext.WriteLine($"c{ccd}: {diff.Candidates.Count} candidates, {diff.TemplatesUsed.Count} templates, covered {diff.CoveredFraction:P1}, psf {diff.PsfSigma:F2}, noise correction {diff.NoiseCorrection:F3}");
        }

        TestContext.WriteLine($"recovered {recovered}/{expected} transients above 5 sigma; {falseCandidates}/{candidates} candidates false");
        Assert.IsGreaterThanOrEqualTo(15, expected);
        Assert.IsGreaterThanOrEqualTo(0.9, recovered / (double)expected);
        Assert.IsLessThanOrEqualTo(0.05, falseCandidates / (double)Math.Max(candidates, 1));
    }

    [TestMethod]
    public void Source_present_only_in_the_template_gives_no_candidate()
    {
        var f = DesNightFixture.Instance;
        var checkedSources = 0;
        foreach (var (ccd, diff) in f.Diffs)
        {
            var wcs = TanWcs.FromHeader(FitsFile.Read(diff.Output.Image).Header);
            foreach (var t in f.SourceTruth.Where(t => t.Kind == "template-only"))
            {
                var (x, y) = wcs.SkyToPixel(t.RaDeg, t.DecDeg);
                if (x < 0 || y < 0 || x > 511 || y > 255)
                {
                    continue;
                }

                checkedSources++;
                Assert.IsFalse(diff.Candidates.Any(c => Math.Sqrt(Math.Pow(c.X - x, 2) + Math.Pow(c.Y - y, 2)) <= 4), $"candidate at template-only source c{ccd} ({x:F1},{y:F1})");
            }
        }

        TestContext.WriteLine($"{checkedSources} template-only sources on search CCDs, none detected");
        Assert.IsGreaterThanOrEqualTo(6, checkedSources);
    }
}

using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Tests.Facet;

[TestClass]
public sealed class DirectionsTests
{
    public TestContext TestContext { get; set; } = null!;

    [TestMethod]
    public void Directions_file_round_trips_and_tolerates_comments_and_sexagesimal()
    {
        var dir = TestDirs.New("directions");
        var path = Path.Combine(dir, DirectionsFile.DefaultName);
        Direction[] directions =
        [
            new("facet1", 123.456789, 55.123456, 12.5, 0.05),
            new("facet2", 0.001, -5.5),
            new("outlier1", 359.99, 89.9, 40, OutlierSource: true),
        ];
        DirectionsFile.Write(path, directions);
        File.AppendAllText(path, "\n# added by hand\nfacet9 08h13m36.0s +55d00m00.0s # a comment\nfacet10, 10.5, -1.25\n");
        TestContext.WriteLine(File.ReadAllText(path));

        var read = DirectionsFile.Read(path);
        Assert.HasCount(5, read);
        for (var i = 0; i < directions.Length; i++)
        {
            Assert.AreEqual(directions[i].Name, read[i].Name);
            Assert.AreEqual(directions[i].RaDeg, read[i].RaDeg, 1e-6);
            Assert.AreEqual(directions[i].DecDeg, read[i].DecDeg, 1e-6);
            Assert.AreEqual(directions[i].FluxJy, read[i].FluxJy);
            Assert.AreEqual(directions[i].CalRadiusDeg, read[i].CalRadiusDeg);
            Assert.AreEqual(directions[i].OutlierSource, read[i].OutlierSource);
        }

        Assert.AreEqual(123.4, read[3].RaDeg, 1e-9);
        Assert.AreEqual(55.0, read[3].DecDeg, 1e-9);
        Assert.AreEqual(-1.25, read[4].DecDeg);
    }

    [TestMethod]
    public void Directions_file_with_a_bad_angle_names_the_line()
    {
        var path = Path.Combine(TestDirs.New("directions-bad"), DirectionsFile.DefaultName);
        File.WriteAllText(path, "# header\nfacet1 10 20\nfacet2 ten 20\n");
        var e = Assert.ThrowsExactly<FormatException>(() => DirectionsFile.Read(path));
        StringAssert.Contains(e.Message, ":3:");
    }

    [TestMethod]
    public void Automatic_selection_finds_the_simulated_calibrators_within_the_limits()
    {
        var field = FacetScenario.Instance.Field;
        var all = DirectionSelector.Select(field.Sky, field.Data.RaDeg, field.Data.DecDeg, field.Beam, new DirectionSelectionOptions { MinFluxJy = 2 });
        Assert.HasCount(field.Calibrators.Count, all);
        for (var i = 0; i < all.Count; i++)
        {
            Assert.AreEqual($"facet{i + 1}", all[i].Name);
            Assert.IsTrue(field.Calibrators.Any(c => c.RaDeg == all[i].RaDeg && c.DecDeg == all[i].DecDeg), all[i].Name);
            Assert.IsTrue(i == 0 || all[i].FluxJy <= all[i - 1].FluxJy, "brightest first");
        }

        var limited = DirectionSelector.Select(field.Sky, field.Data.RaDeg, field.Data.DecDeg, field.Beam,
            new DirectionSelectionOptions { MinFluxJy = 2, MaxCount = 2, MaxSeparationDeg = 0.9 });
        Assert.IsLessThanOrEqualTo(2, limited.Count);
        Assert.IsTrue(limited.All(d => FacetGeometry.Separation(field.Data.RaDeg, field.Data.DecDeg, d.RaDeg, d.DecDeg) <= 0.9));
        var none = DirectionSelector.Select([new SkySource("big", field.Data.RaDeg, field.Data.DecDeg, 50, SizeArcsec: 600)],
            field.Data.RaDeg, field.Data.DecDeg, field.Beam);
        Assert.IsEmpty(none, "an extended source is not a calibrator");
    }

    [TestMethod]
    public void Voronoi_facets_assign_points_to_the_nearest_facet_calibrator_and_leave_patches_out()
    {
        const double ra0 = 100, dec0 = 30;
        Direction[] directions =
        [
            new("facet1", ra0, dec0),
            new("facet2", ra0 + (0.5 / Math.Cos(30 * Math.PI / 180)), dec0),
            new("patch", ra0, dec0 + 1.5),
        ];
        var layout = new FacetLayout(directions, ra0, dec0, facetingRadiusDeg: 1.0);
        CollectionAssert.AreEqual(new[] { true, true, false }, layout.IsFacet.ToArray());

        Assert.AreEqual(0, layout.FacetOf(ra0 + 0.1, dec0));
        Assert.AreEqual(1, layout.FacetOf(ra0 + 0.4, dec0));
        // Near the patch but inside the faceting radius: still a facet, never the patch.
        Assert.AreEqual(0, layout.FacetOf(ra0, dec0 + 0.9));
        Assert.AreEqual(-1, layout.FacetOf(ra0, dec0 + 1.2));
        // Calibration ownership includes the patch.
        Assert.AreEqual(2, layout.OwnerOf(ra0, dec0 + 1.2));

        // Brute force over a grid: every assigned point is no farther from its facet than from any other facet.
        for (var dx = -1.0; dx <= 1.0; dx += 0.1)
        {
            for (var dy = -1.0; dy <= 1.0; dy += 0.1)
            {
                var (ra, dec) = (ra0 + (dx / Math.Cos(dec0 * Math.PI / 180)), dec0 + dy);
                var facet = layout.FacetOf(ra, dec);
                if (facet < 0)
                {
                    continue;
                }

                var own = FacetGeometry.Separation(directions[facet].RaDeg, directions[facet].DecDeg, ra, dec);
                Assert.IsTrue(own <= FacetGeometry.Separation(directions[0].RaDeg, directions[0].DecDeg, ra, dec) + 1e-12);
                Assert.IsTrue(own <= FacetGeometry.Separation(directions[1].RaDeg, directions[1].DecDeg, ra, dec) + 1e-12);
            }
        }
    }

    [TestMethod]
    public void Real_imaginary_di_table_is_converted_to_phase_amplitude_once()
    {
        var (amp, phase) = DiTableConverter.ToPhaseAmplitude(0, -2);
        Assert.AreEqual(2.0, amp, 1e-12);
        Assert.AreEqual(-90.0, phase, 1e-12);
        (amp, phase) = DiTableConverter.ToPhaseAmplitude(-1, 0);
        Assert.AreEqual(180.0, phase, 1e-12);

        var dir = TestDirs.New("di");
        var field = FieldSimulator.Run(new SimulationOptions { Antennas = 6, FaintSources = 2, Calibrators = 2, SlotsPerChunk = 2 }, dir);
        var path = Path.Combine(dir, FieldSimulator.DiTableFile);
        StringAssert.StartsWith(File.ReadAllText(path), "antenna,real,imag");
        Assert.IsTrue(DiTableConverter.Run(path));
        Assert.IsFalse(DiTableConverter.Run(path), "already phase/amplitude: left alone");
        var rows = File.ReadAllLines(path);
        Assert.AreEqual("antenna,amplitude,phase_deg", rows[0]);
        for (var a = 0; a < 6; a++)
        {
            var f = rows[a + 1].Split(',');
            var g = field.DirectionIndependent[a];
            Assert.AreEqual(g.Magnitude, double.Parse(f[1], System.Globalization.CultureInfo.InvariantCulture), 1e-12);
            Assert.AreEqual(g.Phase * 180 / Math.PI, double.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), 1e-9);
        }

        // The other products read back: data, sky model and truth.
        var vis = Visibilities.Read(Path.Combine(dir, FieldSimulator.DataFile));
        Assert.AreEqual(field.Data.Data.Length, vis.Data.Length);
        Assert.AreEqual(field.Data.Data[5].Real, vis.Data[5].Real, 1e-5 * Math.Max(1, Math.Abs(field.Data.Data[5].Real)));
        Assert.HasCount(field.Sky.Count, SkyModelFile.Read(Path.Combine(dir, FieldSimulator.SkyModelFileName)));
        var truth = GainTable.Read(Path.Combine(dir, FieldSimulator.TruthFile));
        Assert.AreEqual(field.TrueGains.For("cal1")[3].Phase, truth.For("cal1")[3].Phase, 1e-9);
    }
}

using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Tests.Fits;

[TestClass]
public sealed class FitsRoundTripTests
{
    public TestContext TestContext { get; set; } = null!;

    private string NewPath(string name)
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-fits-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }

    private static FitsImage Sample(int width, int height)
    {
        var image = new FitsImage(width, height);
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                image[x, y] = (float)((x * 1.5) - (y * 0.25) + Math.Sin(x * y * 0.01) * 1000);
            }
        }

        image.Header.Set("OBJECT", "PC000.F1", "target");
        image.Header.Set("EXPID", 17L);
        image.Header.Set("MJD-OBS", 60123.456789012345);
        image.Header.Set("TRACKED", true, "sidereal");
        image.Header.Set("QUOTE", "it's here");
        image.Header.AddComment("3PI pair");
        image.Header.AddHistory("made by a test");
        return image;
    }

    [TestMethod]
    public void Float32_image_round_trips_bit_for_bit_with_its_header()
    {
        var path = NewPath("f32.fits");
        var image = Sample(67, 45);
        image[3, 4] = float.NaN;
        FitsFile.Write(path, image);

        Assert.AreEqual(0, new FileInfo(path).Length % FitsFile.BlockSize);
        var back = FitsFile.Read(path);
        Assert.AreEqual(67, back.Width);
        Assert.AreEqual(45, back.Height);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            Assert.AreEqual(BitConverter.SingleToInt32Bits(image.Pixels[i]), BitConverter.SingleToInt32Bits(back.Pixels[i]), $"pixel {i}");
        }

        Assert.AreEqual("PC000.F1", back.Header.GetString("OBJECT"));
        Assert.AreEqual(17L, back.Header.GetInt64("EXPID"));
        Assert.AreEqual(60123.456789012345, back.Header.GetDouble("MJD-OBS"));
        Assert.IsTrue(back.Header.GetBool("TRACKED"));
        Assert.AreEqual("it's here", back.Header.GetString("QUOTE"));
        Assert.AreEqual("target", back.Header.Cards.Single(c => c.Keyword == "OBJECT").Comment);
        CollectionAssert.AreEqual(new[] { "3PI pair" }, back.Header.Comments.ToArray());
        Assert.IsFalse(back.Header.Contains("BITPIX"), "structural keywords are consumed by the reader");
    }

    [TestMethod]
    public void Int16_with_explicit_bscale_bzero_round_trips_unsigned_counts_exactly()
    {
        var path = NewPath("u16.fits");
        var image = new FitsImage(64, 64);
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            image.Pixels[i] = (i * 37) % 65536;
        }

        FitsFile.Write(path, image, FitsDataType.Int16, bscale: 1.0, bzero: 32768.0);
        var back = FitsFile.Read(path);
        CollectionAssert.AreEqual(image.Pixels, back.Pixels);

        // The stored integers really are offset by BZERO: 0 is stored as -32768, big-endian.
        var bytes = File.ReadAllBytes(path);
        var headerText = System.Text.Encoding.ASCII.GetString(bytes, 0, FitsFile.BlockSize);
        StringAssert.Contains(headerText, "BITPIX  =                   16");
        StringAssert.Contains(headerText, "BZERO   =              32768.0");
        Assert.AreEqual(0x80, bytes[FitsFile.BlockSize]);
        Assert.AreEqual(0x00, bytes[FitsFile.BlockSize + 1]);
    }

    [TestMethod]
    public void Int16_with_automatic_scaling_keeps_values_within_half_a_quantum_and_blanks_as_NaN()
    {
        var path = NewPath("s16.fits");
        var image = Sample(50, 40);
        image[10, 10] = float.NaN;
        FitsFile.Write(path, image, FitsDataType.Int16);
        var back = FitsFile.Read(path);

        var min = image.Pixels.Where(v => !float.IsNaN(v)).Min();
        var max = image.Pixels.Where(v => !float.IsNaN(v)).Max();
        var quantum = (max - min) / 65533.0;
        Assert.IsTrue(float.IsNaN(back[10, 10]));
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            if (!float.IsNaN(image.Pixels[i]))
            {
                Assert.AreEqual(image.Pixels[i], back.Pixels[i], (quantum * 0.5) + 1e-3, $"pixel {i}");
            }
        }
    }

    [TestMethod]
    public void Header_cards_are_80_columns_in_fixed_format()
    {
        var header = new FitsHeader();
        header.Set("NAXIS1", 128L);
        header.Set("CRVAL1", 150.25);
        header.Set("FILTER", "r");
        var cards = header.Cards.Select(c => c.Format()).ToArray();
        Assert.IsTrue(cards.All(c => c.Length == 80));
        Assert.AreEqual("NAXIS1  =                  128", cards[0].TrimEnd());
        Assert.AreEqual("CRVAL1  =               150.25", cards[1].TrimEnd());
        Assert.AreEqual("FILTER  = 'r       '", cards[2].TrimEnd());
    }
}

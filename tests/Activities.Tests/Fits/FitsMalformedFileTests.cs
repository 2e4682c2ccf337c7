using System.Text;
using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Tests.Fits;

[TestClass]
public sealed class FitsMalformedFileTests
{
    private static string Dir()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ns-fits-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        return dir;
    }

    private static byte[] Valid(FitsDataType type = FitsDataType.Float32)
    {
        var image = new FitsImage(32, 32);
        image.Header.Set("OBJECT", "x");
        return FitsFile.Serialize(image, type);
    }

    private static byte[] WithHeader(params string[] cards)
    {
        var text = new StringBuilder();
        foreach (var card in cards)
        {
            text.Append(card.PadRight(80));
        }

        text.Append("END".PadRight(80));
        var headerLength = ((text.Length + 2879) / 2880) * 2880;
        var bytes = new byte[headerLength + 2880];
        bytes.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes(text.ToString()).CopyTo(bytes, 0);
        bytes.AsSpan(headerLength).Clear();
        return bytes;
    }

    private static FitsFormatException ReadFails(string name, byte[] bytes)
    {
        var path = Path.Combine(Dir(), name);
        File.WriteAllBytes(path, bytes);
        var ex = Assert.ThrowsExactly<FitsFormatException>(() => FitsFile.Read(path));
        StringAssert.Contains(ex.Message, name, "the message names the file");
        Assert.AreEqual(path, ex.FileName);
        return ex;
    }

    [TestMethod]
    public void Truncated_data_is_rejected_naming_the_file()
    {
        var bytes = Valid();
        var ex = ReadFails("truncated.fits", bytes[..(bytes.Length - 2880)]);
        StringAssert.Contains(ex.Problem, "truncated");
    }

    [TestMethod]
    public void Size_not_a_multiple_of_2880_is_rejected()
    {
        var bytes = Valid();
        var ex = ReadFails("padded.fits", [.. bytes, .. new byte[10]]);
        StringAssert.Contains(ex.Problem, "multiple of 2880");
    }

    [TestMethod]
    public void Missing_SIMPLE_is_rejected()
    {
        var ex = ReadFails("nosimple.fits", WithHeader("BITPIX  =                  -32", "NAXIS   =                    2"));
        StringAssert.Contains(ex.Problem, "SIMPLE");
    }

    [TestMethod]
    public void Missing_BITPIX_is_rejected()
    {
        var ex = ReadFails("nobitpix.fits", WithHeader("SIMPLE  =                    T", "NAXIS   =                    2",
            "NAXIS1  =                    8", "NAXIS2  =                    8"));
        StringAssert.Contains(ex.Problem, "BITPIX");
    }

    [TestMethod]
    public void Missing_NAXIS_is_rejected()
    {
        var ex = ReadFails("nonaxis.fits", WithHeader("SIMPLE  =                    T", "BITPIX  =                  -32"));
        StringAssert.Contains(ex.Problem, "NAXIS");
    }

    [TestMethod]
    public void Unsupported_BITPIX_is_rejected()
    {
        var ex = ReadFails("bitpix8.fits", WithHeader("SIMPLE  =                    T", "BITPIX  =                    8",
            "NAXIS   =                    2", "NAXIS1  =                    8", "NAXIS2  =                    8"));
        StringAssert.Contains(ex.Problem, "BITPIX = 8");
    }

    [TestMethod]
    public void Missing_END_card_is_rejected()
    {
        var bytes = new byte[2880];
        bytes.AsSpan().Fill((byte)' ');
        Encoding.ASCII.GetBytes("SIMPLE  =                    T").CopyTo(bytes, 0);
        var ex = ReadFails("noend.fits", bytes);
        StringAssert.Contains(ex.Problem, "END");
    }

    [TestMethod]
    public void Binary_garbage_and_empty_files_are_rejected()
    {
        var garbage = new byte[5760];
        new Random(3).NextBytes(garbage);
        ReadFails("garbage.fits", garbage);
        var ex = ReadFails("empty.fits", []);
        StringAssert.Contains(ex.Problem, "empty");
    }

    [TestMethod]
    public void Missing_file_is_reported_as_a_FITS_error_with_its_name()
    {
        var path = Path.Combine(Dir(), "absent.fits");
        var ex = Assert.ThrowsExactly<FitsFormatException>(() => FitsFile.Read(path));
        StringAssert.Contains(ex.Message, "absent.fits");
    }

    [TestMethod]
    public void Missing_header_keyword_names_the_file_and_keyword()
    {
        var path = Path.Combine(Dir(), "nowcs.fits");
        File.WriteAllBytes(path, Valid());
        var image = FitsFile.Read(path);
        var ex = Assert.ThrowsExactly<FitsFormatException>(() => TanWcs.FromHeader(image.Header));
        StringAssert.Contains(ex.Message, "nowcs.fits");
        StringAssert.Contains(ex.Message, "CTYPE");
    }
}

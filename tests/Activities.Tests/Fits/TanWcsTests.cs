using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Tests.Fits;

[TestClass]
public sealed class TanWcsTests
{
    [TestMethod]
    public void Pixel_to_sky_and_back_is_exact_to_a_micro_pixel()
    {
        var wcs = TanWcs.Create(150.3, 2.2, 128, 128, 1.0, rotationDeg: 17);
        for (var x = -50.0; x < 200; x += 37.3)
        {
            for (var y = -50.0; y < 200; y += 29.1)
            {
                var (ra, dec) = wcs.PixelToSky(x, y);
                var (x2, y2) = wcs.SkyToPixel(ra, dec);
                Assert.AreEqual(x, x2, 1e-6);
                Assert.AreEqual(y, y2, 1e-6);
            }
        }
    }

    [TestMethod]
    public void Reference_pixel_maps_to_reference_point_and_east_is_left()
    {
        var wcs = TanWcs.Create(10, -30, 100, 80, 2.0);
        var (ra, dec) = wcs.PixelToSky(wcs.CrPix1 - 1, wcs.CrPix2 - 1);
        Assert.AreEqual(10, ra, 1e-12);
        Assert.AreEqual(-30, dec, 1e-12);
        var (raLeft, _) = wcs.PixelToSky(0, 40);
        Assert.IsTrue(raLeft > 10, "RA increases towards -x");
        var (_, decUp) = wcs.PixelToSky(50, 79);
        Assert.IsTrue(decUp > -30);
        Assert.AreEqual(2.0, wcs.PixelScaleArcsec, 1e-9);
    }

    [TestMethod]
    public void Header_round_trip_and_CDELT_form_give_the_same_mapping()
    {
        var wcs = TanWcs.Create(200, 45, 64, 64, 0.5);
        var header = new FitsHeader();
        wcs.WriteTo(header);
        Assert.AreEqual(wcs, TanWcs.FromHeader(header));

        var cdelt = new FitsHeader();
        cdelt.Set("CTYPE1", "RA---TAN");
        cdelt.Set("CTYPE2", "DEC--TAN");
        cdelt.Set("CRPIX1", wcs.CrPix1);
        cdelt.Set("CRPIX2", wcs.CrPix2);
        cdelt.Set("CRVAL1", 200.0);
        cdelt.Set("CRVAL2", 45.0);
        cdelt.Set("CDELT1", -0.5 / 3600);
        cdelt.Set("CDELT2", 0.5 / 3600);
        var other = TanWcs.FromHeader(cdelt);
        var a = wcs.PixelToSky(3, 60);
        var b = other.PixelToSky(3, 60);
        Assert.AreEqual(a.Ra, b.Ra, 1e-12);
        Assert.AreEqual(a.Dec, b.Dec, 1e-12);
    }

    [TestMethod]
    public void Non_TAN_projection_is_rejected()
    {
        var header = new FitsHeader("sin.fits");
        header.Set("CTYPE1", "RA---SIN");
        header.Set("CTYPE2", "DEC--SIN");
        var ex = Assert.ThrowsExactly<FitsFormatException>(() => TanWcs.FromHeader(header));
        StringAssert.Contains(ex.Message, "sin.fits");
        StringAssert.Contains(ex.Message, "TAN");
    }
}

using Nightshift.Activities.Fits;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Kernels.Des;

/// <summary>
/// Detrending: subtract the master bias, divide by the master flat, and build the mask from the bad-pixel mask, flat
/// values too low to trust, and saturation; the variance comes from the raw counts (gain and read noise of the header).
/// </summary>
public static class DetrendKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "des-detrend";

    private const double MinimumFlat = 0.3;

    /// <summary>Detrends <paramref name="raw"/>; writes <c>BASE.fits</c>, <c>BASE.var.fits</c>, <c>BASE.mask.fits</c>.</summary>
    public static DetrendResult Run(string raw, string bias, string flat, string badPixelMask, string outputBase)
    {
        // Every input is read before anything is written, so a corrupt file fails the CCD cleanly, naming that file.
        var image = FitsFile.Read(raw);
        var b = FitsFile.Read(bias);
        var f = FitsFile.Read(flat);
        var bpm = FitsFile.Read(badPixelMask);
        foreach (var (other, path) in new[] { (b, bias), (f, flat), (bpm, badPixelMask) })
        {
            if (other.Width != image.Width || other.Height != image.Height)
            {
                throw new DesDataException(path, $"is {other.Width}x{other.Height}, but the raw image '{raw}' is {image.Width}x{image.Height}");
            }

            if (other.Header.Contains("CCDNUM") && image.Header.Contains("CCDNUM") && other.Header.GetInt64("CCDNUM") != image.Header.GetInt64("CCDNUM"))
            {
                throw new DesDataException(path, $"is for CCD {other.Header.GetInt64("CCDNUM")}, but '{raw}' is CCD {image.Header.GetInt64("CCDNUM")}");
            }
        }

        var header = image.Header.Clone();
        var wcs = TanWcs.FromHeader(image.Header);
        var gain = image.Header.GetDouble("GAIN", 1.0);
        var readNoise = image.Header.GetDouble("RDNOISE", 5.0);
        var saturation = image.Header.GetDouble("SATURATE", double.PositiveInfinity);
        var output = new LapImage(image.Width, image.Height, header, wcs);
        var saturated = 0;
        for (var i = 0; i < output.Count; i++)
        {
            var mask = float.IsNaN(bpm.Pixels[i]) ? 0 : (int)bpm.Pixels[i];
            var flatValue = f.Pixels[i];
            if (!(flatValue >= MinimumFlat))
            {
                mask |= (int)PixelMask.Dead;
            }

            if (image.Pixels[i] >= saturation)
            {
                mask |= (int)PixelMask.Saturated;
                saturated++;
            }

            var counts = image.Pixels[i] - b.Pixels[i];
            if (mask != 0 || float.IsNaN(counts))
            {
                output.Mask[i] = mask == 0 ? (int)PixelMask.NoData : mask;
                continue;
            }

            output.Data[i] = counts / flatValue;
            // Poisson noise of the electrons plus read noise, carried through the flat division.
            output.Variance[i] = (float)(((Math.Max(counts, 0) / gain) + (readNoise * readNoise)) / (flatValue * flatValue));
        }

        // Saturated stars bleed into their neighbours' linearity; one pixel of margin keeps their wings out of photometry.
        var grown = (int[])output.Mask.Clone();
        for (var y = 0; y < output.Height; y++)
        {
            for (var x = 0; x < output.Width; x++)
            {
                if ((output.Mask[(y * output.Width) + x] & (int)PixelMask.Saturated) == 0)
                {
                    continue;
                }

                for (var dy = -2; dy <= 2; dy++)
                {
                    for (var dx = -2; dx <= 2; dx++)
                    {
                        var xx = x + dx;
                        var yy = y + dy;
                        if (xx >= 0 && xx < output.Width && yy >= 0 && yy < output.Height)
                        {
                            grown[(yy * output.Width) + xx] |= (int)PixelMask.Saturated;
                        }
                    }
                }
            }
        }

        Array.Copy(grown, output.Mask, grown.Length);
        var maskedFraction = output.Mask.Count(m => m != 0) / (double)output.Count;
        header.Set("DETREND", true, "bias subtracted, flat-fielded, masked");
        header.Set("BIASFIL", Path.GetFileName(bias));
        header.Set("FLATFIL", Path.GetFileName(flat));
        header.Set("BPMFIL", Path.GetFileName(badPixelMask));
        header.Set("NSATPIX", saturated, "saturated pixels");
        header.Set("MASKFRAC", maskedFraction, "masked fraction");
        var product = ImageProduct.ForBase(outputBase);
        output.Write(product);
        return new DetrendResult(product, maskedFraction, saturated);
    }
}

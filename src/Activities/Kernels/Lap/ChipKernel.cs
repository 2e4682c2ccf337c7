using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The chip stage: detrend a raw exposure (subtract bias, divide by flat), mask dead, hot and saturated pixels,
/// measure the bad fraction, subtract the background, estimate the variance and measure the PSF.
/// </summary>
public static class ChipKernel
{
    /// <summary>The kernel's name as a batch job runs it (<c>nightshift kernel lap-chip</c>).</summary>
    public const string Name = "lap-chip";

    /// <summary>Processes <paramref name="rawPath"/> into the product at <paramref name="outputBase"/> (see <see cref="ImageProduct.ForBase"/>).</summary>
    public static ChipResult Run(string rawPath, string biasPath, string flatPath, string outputBase, ChipOptions? options = null)
    {
        options ??= new ChipOptions();
        var raw = FitsFile.Read(rawPath);
        var bias = FitsFile.Read(biasPath);
        var flat = FitsFile.Read(flatPath);
        foreach (var (frame, path) in new[] { (bias, biasPath), (flat, flatPath) })
        {
            if (frame.Width != raw.Width || frame.Height != raw.Height)
            {
                throw new FitsFormatException(path, $"size {frame.Width}x{frame.Height} does not match the raw exposure's {raw.Width}x{raw.Height} ({rawPath})");
            }
        }

        var wcs = TanWcs.FromHeader(raw.Header);
        var gain = raw.Header.GetDouble("GAIN", 1.0);
        var readNoiseAdu = raw.Header.GetDouble("RDNOISE", 0.0) / gain;
        var saturation = options.SaturationLevel ?? raw.Header.GetDouble("SATURATE", 65535);
        var w = raw.Width;
        var h = raw.Height;
        var n = w * h;
        var header = raw.Header.Clone();
        var chip = new LapImage(w, h, header, wcs);
        var detrended = chip.Data;
        var mask = chip.Mask;

        for (var i = 0; i < n; i++)
        {
            var f = flat.Pixels[i];
            if (!(f >= options.MinFlat) || float.IsNaN(raw.Pixels[i]))
            {
                mask[i] |= (int)PixelMask.Dead;
                detrended[i] = 0;
                continue;
            }

            detrended[i] = (raw.Pixels[i] - bias.Pixels[i]) / f;
        }

        var saturated = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                if (raw.Pixels[(y * w) + x] < saturation)
                {
                    continue;
                }

                for (var yy = Math.Max(0, y - options.SaturationGrow); yy <= Math.Min(h - 1, y + options.SaturationGrow); yy++)
                {
                    for (var xx = Math.Max(0, x - options.SaturationGrow); xx <= Math.Min(w - 1, x + options.SaturationGrow); xx++)
                    {
                        mask[(yy * w) + xx] |= (int)PixelMask.Saturated;
                    }
                }
            }
        }

        // Defects are judged against the local sky and its Poisson + read noise.
        var background = ImageMath.Background(detrended, mask, w, h, options.BackgroundBox);
        var skySigma = new double[n];
        for (var i = 0; i < n; i++)
        {
            var f = Math.Max(flat.Pixels[i], options.MinFlat);
            skySigma[i] = Math.Sqrt((Math.Max(background[i], 0) / (gain * f)) + (readNoiseAdu * readNoiseAdu / (f * f)));
        }

        var deadFound = new bool[n];
        for (var i = 0; i < n; i++)
        {
            if (mask[i] == 0 && detrended[i] < background[i] - (options.DeadSigma * skySigma[i]))
            {
                deadFound[i] = true;
            }
        }

        var hotFound = new bool[n];
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var i = (y * w) + x;
                var excess = detrended[i] - background[i];
                if (mask[i] != 0 || excess < options.HotSigma * skySigma[i])
                {
                    continue;
                }

                var brightest = double.NegativeInfinity;
                for (var dy = -1; dy <= 1; dy++)
                {
                    for (var dx = -1; dx <= 1; dx++)
                    {
                        var xx = x + dx;
                        var yy = y + dy;
                        if ((dx != 0 || dy != 0) && xx >= 0 && yy >= 0 && xx < w && yy < h && mask[(yy * w) + xx] == 0)
                        {
                            brightest = Math.Max(brightest, detrended[(yy * w) + xx] - background[(yy * w) + xx]);
                        }
                    }
                }

                // A PSF with sigma above a pixel puts well over half of its peak in the next pixel; a hot pixel does not.
                if (excess > options.HotContrast * Math.Max(brightest, skySigma[i]))
                {
                    hotFound[i] = true;
                }
            }
        }

        var dead = 0;
        var hot = 0;
        var bad = 0;
        for (var i = 0; i < n; i++)
        {
            if (deadFound[i])
            {
                mask[i] |= (int)PixelMask.Dead;
            }

            if (hotFound[i])
            {
                mask[i] |= (int)PixelMask.Hot;
            }

            dead += (mask[i] & (int)PixelMask.Dead) != 0 ? 1 : 0;
            hot += (mask[i] & (int)PixelMask.Hot) != 0 ? 1 : 0;
            saturated += (mask[i] & (int)PixelMask.Saturated) != 0 ? 1 : 0;
            bad += mask[i] != 0 ? 1 : 0;
        }

        // Recompute the background with every defect masked, then subtract it.
        background = ImageMath.Background(detrended, mask, w, h, options.BackgroundBox);
        var backgroundValues = new List<double>(n);
        for (var i = 0; i < n; i++)
        {
            var f = Math.Max(flat.Pixels[i], options.MinFlat);
            var signal = background[i] + Math.Max(detrended[i] - background[i], 0);
            chip.Variance[i] = (float)((Math.Max(signal, 0) / (gain * f)) + (readNoiseAdu * readNoiseAdu / (f * f)));
            backgroundValues.Add(background[i]);
            detrended[i] = mask[i] != 0 ? 0 : (float)(detrended[i] - background[i]);
        }

        var medianBias = ImageMath.Median(bias.Pixels.Select(v => (double)v).ToList());
        var psf = ImageMath.MeasurePsfSigma(detrended, chip.Variance, mask, w, h, saturation - medianBias);
        var badFraction = bad / (double)n;
        var backgroundLevel = ImageMath.Median(backgroundValues);

        header.Set("BUNIT", "ADU", "detrended, background subtracted");
        header.Set("BIASFILE", Path.GetFileName(biasPath));
        header.Set("FLATFILE", Path.GetFileName(flatPath));
        header.Set("BACKGND", Math.Round(backgroundLevel, 3), "median background subtracted [ADU]");
        header.Set("BADFRAC", badFraction, "fraction of masked pixels");
        if (double.IsFinite(psf))
        {
            header.Set("PSFSIG", psf, "measured PSF Gaussian sigma [pixel]");
        }

        var output = ImageProduct.ForBase(outputBase);
        chip.Write(output);
        return new ChipResult(raw.Header.GetString("EXPNAME", Path.GetFileNameWithoutExtension(rawPath)), output, badFraction, dead, hot, saturated,
            backgroundLevel, psf);
    }
}

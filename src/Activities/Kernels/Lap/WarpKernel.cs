using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The warp stage: resample a chip onto each skycell of its projection cell that it overlaps, through the two TAN WCS,
/// with a Lanczos-3 kernel scaled by the Jacobian of the mapping so that flux (not surface brightness) is conserved.
/// </summary>
public static class WarpKernel
{
    /// <summary>The kernel's name as a batch job runs it.</summary>
    public const string Name = "lap-warp";

    /// <summary>
    /// Warps <paramref name="chip"/> onto <paramref name="skycells"/>; each warp is written as
    /// <c>DIR/EXPOSURE.SKYCELL</c> (see <see cref="ImageProduct.ForBase"/>).
    /// </summary>
    public static WarpResult Run(ImageProduct chip, IReadOnlyList<Skycell> skycells, string outputDirectory, WarpOptions? options = null)
    {
        options ??= new WarpOptions();
        var input = LapImage.Read(chip);
        var exposure = input.Header.GetString("EXPNAME", Path.GetFileNameWithoutExtension(chip.Image));
        var warps = new List<WarpOutput>();
        foreach (var skycell in skycells)
        {
            var warp = WarpOne(input, skycell, options, out var covered, out var bad);
            if (warp is null || covered < options.MinCoveredFraction * skycell.Width * skycell.Height)
            {
                continue;
            }

            var product = ImageProduct.ForBase(Path.Combine(outputDirectory, $"{exposure}.{skycell.Name}"));
            var badFraction = bad / (double)covered;
            var coveredFraction = covered / (double)(skycell.Width * skycell.Height);
            warp.Header.Set("BADFRAC", badFraction, "masked fraction of covered pixels");
            warp.Header.Set("COVFRAC", coveredFraction, "fraction of the skycell covered");
            warp.Write(product);
            warps.Add(new WarpOutput(skycell.Name, product, badFraction, coveredFraction));
        }

        return new WarpResult(exposure, warps);
    }

    private static LapImage? WarpOne(LapImage input, Skycell skycell, WarpOptions options, out int covered, out int bad)
    {
        covered = 0;
        bad = 0;
        var (x0, y0, x1, y1) = Footprint(input, skycell);
        if (x0 > x1 || y0 > y1)
        {
            return null;
        }

        var header = input.Header.Clone("BADFRAC", "COVFRAC");
        header.Set("SKYCELL", skycell.Name);
        header.Set("PROJCELL", skycell.ProjectionCell);
        var output = new LapImage(skycell.Width, skycell.Height, header, skycell.Wcs);
        Array.Fill(output.Mask, (int)PixelMask.NoData);

        // Input coordinates of every output pixel in the box plus a one-pixel border, for the Jacobian's central differences.
        var gw = x1 - x0 + 3;
        var gh = y1 - y0 + 3;
        var mapX = new double[gw * gh];
        var mapY = new double[gw * gh];
        for (var gy = 0; gy < gh; gy++)
        {
            for (var gx = 0; gx < gw; gx++)
            {
                var (ra, dec) = skycell.Wcs.PixelToSky(x0 - 1 + gx, y0 - 1 + gy);
                var (xi, yi) = input.Wcs.SkyToPixel(ra, dec);
                mapX[(gy * gw) + gx] = xi;
                mapY[(gy * gw) + gx] = yi;
            }
        }

        var jacobians = new List<double>();
        var wx = new double[6];
        var wy = new double[6];
        for (var y = y0; y <= y1; y++)
        {
            for (var x = x0; x <= x1; x++)
            {
                var g = ((y - y0 + 1) * gw) + (x - x0 + 1);
                var xi = mapX[g];
                var yi = mapY[g];
                if (!(xi >= -0.5 && yi >= -0.5 && xi <= input.Width - 0.5 && yi <= input.Height - 0.5))
                {
                    continue;
                }

                var dxdx = (mapX[g + 1] - mapX[g - 1]) / 2;
                var dxdy = (mapX[g + gw] - mapX[g - gw]) / 2;
                var dydx = (mapY[g + 1] - mapY[g - 1]) / 2;
                var dydy = (mapY[g + gw] - mapY[g - gw]) / 2;
                var jacobian = Math.Abs((dxdx * dydy) - (dxdy * dydx));
                jacobians.Add(jacobian);

                var o = (y * output.Width) + x;
                covered++;
                var ix = (int)Math.Floor(xi);
                var iy = (int)Math.Floor(yi);

                // Mask bits come from the pixels that bracket the sample point.
                var maskBits = 0;
                for (var dy = 0; dy <= 1; dy++)
                {
                    for (var dx = 0; dx <= 1; dx++)
                    {
                        var sx = Math.Clamp(ix + dx, 0, input.Width - 1);
                        var sy = Math.Clamp(iy + dy, 0, input.Height - 1);
                        maskBits |= input.Mask[(sy * input.Width) + sx];
                    }
                }

                output.Mask[o] = maskBits;
                if (maskBits != 0)
                {
                    bad++;
                    output.Data[o] = 0;
                    output.Variance[o] = 0;
                    continue;
                }

                var sumX = 0.0;
                var sumY = 0.0;
                for (var k = 0; k < 6; k++)
                {
                    var sx = ix - 2 + k;
                    wx[k] = sx >= 0 && sx < input.Width ? ImageMath.Lanczos3(xi - sx) : 0;
                    sumX += wx[k];
                    var sy = iy - 2 + k;
                    wy[k] = sy >= 0 && sy < input.Height ? ImageMath.Lanczos3(yi - sy) : 0;
                    sumY += wy[k];
                }

                var value = 0.0;
                var variance = 0.0;
                for (var ky = 0; ky < 6; ky++)
                {
                    if (wy[ky] == 0)
                    {
                        continue;
                    }

                    var row = (iy - 2 + ky) * input.Width;
                    for (var kx = 0; kx < 6; kx++)
                    {
                        if (wx[kx] == 0)
                        {
                            continue;
                        }

                        // Normalised weights: the kernel sums to one even where the chip edge cuts it.
                        var weight = wx[kx] / sumX * (wy[ky] / sumY);
                        var s = row + ix - 2 + kx;
                        value += weight * input.Data[s];
                        variance += weight * weight * input.Variance[s];
                    }
                }

                output.Data[o] = (float)(value * jacobian);
                output.Variance[o] = (float)(variance * jacobian * jacobian);
            }
        }

        if (covered == 0)
        {
            return null;
        }

        if (input.Header.Contains("PSFSIG"))
        {
            // A pixel that covers J input pixels shrinks the PSF, in output pixels, by sqrt(J).
            var meanJ = jacobians.Average();
            header.Set("PSFSIG", input.Header.GetDouble("PSFSIG") / Math.Sqrt(meanJ), "PSF Gaussian sigma [pixel]");
        }

        return output;
    }

    private static (int X0, int Y0, int X1, int Y1) Footprint(LapImage input, Skycell skycell)
    {
        var minX = double.PositiveInfinity;
        var minY = double.PositiveInfinity;
        var maxX = double.NegativeInfinity;
        var maxY = double.NegativeInfinity;
        const int steps = 16;
        for (var s = 0; s <= steps; s++)
        {
            var t = s / (double)steps;
            foreach (var (px, py) in new[]
            {
                ((t * input.Width) - 0.5, -0.5), ((t * input.Width) - 0.5, input.Height - 0.5),
                (-0.5, (t * input.Height) - 0.5), (input.Width - 0.5, (t * input.Height) - 0.5),
            })
            {
                var (ra, dec) = input.Wcs.PixelToSky(px, py);
                var (x, y) = skycell.Wcs.SkyToPixel(ra, dec);
                if (double.IsNaN(x))
                {
                    continue;
                }

                minX = Math.Min(minX, x);
                minY = Math.Min(minY, y);
                maxX = Math.Max(maxX, x);
                maxY = Math.Max(maxY, y);
            }
        }

        if (double.IsInfinity(minX))
        {
            return (1, 1, 0, 0);
        }

        return (Math.Max(0, (int)Math.Floor(minX)), Math.Max(0, (int)Math.Floor(minY)),
            Math.Min(skycell.Width - 1, (int)Math.Ceiling(maxX)), Math.Min(skycell.Height - 1, (int)Math.Ceiling(maxY)));
    }
}

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>
/// The three files of one LAP image product: the image, its variance and its mask (<see cref="PixelMask"/> bits),
/// each a single-HDU FITS file named after a common base path.
/// </summary>
/// <param name="Image">The image, BITPIX -32.</param>
/// <param name="Variance">The per-pixel variance, BITPIX -32.</param>
/// <param name="Mask">The mask, BITPIX 16.</param>
public sealed record ImageProduct(string Image, string Variance, string Mask)
{
    /// <summary>The product whose files are <c>BASE.fits</c>, <c>BASE.var.fits</c> and <c>BASE.mask.fits</c>.</summary>
    public static ImageProduct ForBase(string basePath) => new(basePath + ".fits", basePath + ".var.fits", basePath + ".mask.fits");

    /// <summary>The three paths.</summary>
    public IReadOnlyList<string> Files => [Image, Variance, Mask];

    /// <summary>True when all three files exist.</summary>
    public bool Exists() => File.Exists(Image) && File.Exists(Variance) && File.Exists(Mask);
}

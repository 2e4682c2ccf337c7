namespace Nightshift.Activities.Fits;

/// <summary>
/// A 2-D image held as physical values (BSCALE/BZERO already applied) in row-major order:
/// pixel (x, y) with 0-based x along NAXIS1 is at <c>Pixels[y * Width + x]</c>. Blank pixels are NaN.
/// </summary>
public sealed class FitsImage
{
    /// <summary>Creates an image; <paramref name="pixels"/> defaults to zeros and must hold width × height values.</summary>
    public FitsImage(int width, int height, float[]? pixels = null, FitsHeader? header = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        pixels ??= new float[checked(width * height)];
        if (pixels.Length != width * height)
        {
            throw new ArgumentException($"expected {width * height} pixels, got {pixels.Length}", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
        Header = header ?? new FitsHeader();
    }

    /// <summary>NAXIS1.</summary>
    public int Width { get; }

    /// <summary>NAXIS2.</summary>
    public int Height { get; }

    /// <summary>The pixel values, row-major.</summary>
    public float[] Pixels { get; }

    /// <summary>The non-structural header cards.</summary>
    public FitsHeader Header { get; }

    /// <summary>The pixel at 0-based (x, y).</summary>
    public float this[int x, int y]
    {
        get => Pixels[(y * Width) + x];
        set => Pixels[(y * Width) + x] = value;
    }
}

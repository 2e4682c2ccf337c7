using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>An image with its variance and mask in memory, and its header and WCS; the working form of every LAP product.</summary>
internal sealed class LapImage
{
    public LapImage(int width, int height, FitsHeader header, TanWcs wcs)
    {
        Width = width;
        Height = height;
        Header = header;
        Wcs = wcs;
        Data = new float[width * height];
        Variance = new float[width * height];
        Mask = new int[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    public FitsHeader Header { get; }

    public TanWcs Wcs { get; }

    public float[] Data { get; }

    public float[] Variance { get; }

    public int[] Mask { get; }

    public int Count => Width * Height;

    public bool IsGood(int i) => Mask[i] == 0;

    public static LapImage Read(ImageProduct product)
    {
        var image = FitsFile.Read(product.Image);
        var variance = FitsFile.Read(product.Variance);
        var mask = FitsFile.Read(product.Mask);
        foreach (var (other, path) in new[] { (variance, product.Variance), (mask, product.Mask) })
        {
            if (other.Width != image.Width || other.Height != image.Height)
            {
                throw new FitsFormatException(path, $"size {other.Width}x{other.Height} differs from the image's {image.Width}x{image.Height}");
            }
        }

        var result = new LapImage(image.Width, image.Height, image.Header, TanWcs.FromHeader(image.Header));
        Array.Copy(image.Pixels, result.Data, result.Count);
        Array.Copy(variance.Pixels, result.Variance, result.Count);
        for (var i = 0; i < result.Count; i++)
        {
            result.Mask[i] = float.IsNaN(mask.Pixels[i]) ? (int)PixelMask.NoData : (int)mask.Pixels[i];
        }

        return result;
    }

    public void Write(ImageProduct product)
    {
        Wcs.WriteTo(Header);
        FitsFile.Write(product.Image, new FitsImage(Width, Height, Data, Header));

        var varHeader = new FitsHeader();
        Wcs.WriteTo(varHeader);
        varHeader.Set("BUNIT", "ADU**2", "variance of the image");
        FitsFile.Write(product.Variance, new FitsImage(Width, Height, Variance, varHeader));

        var maskHeader = new FitsHeader();
        Wcs.WriteTo(maskHeader);
        maskHeader.AddComment("mask bits: 1 dead, 2 hot, 4 saturated, 8 no data, 16 streak");
        var maskPixels = new float[Count];
        for (var i = 0; i < Count; i++)
        {
            maskPixels[i] = Mask[i];
        }

        FitsFile.Write(product.Mask, new FitsImage(Width, Height, maskPixels, maskHeader), FitsDataType.Int16, 1.0, 0.0);
    }
}

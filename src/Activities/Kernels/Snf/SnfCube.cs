using Nightshift.Activities.Fits;

namespace Nightshift.Activities.Kernels.Snf;

/// <summary>
/// An (x, y, λ) cube stored as a 2-D FITS image: one row per spaxel (index y·Side + x), one column per wavelength bin;
/// the header keeps the exposure's keywords.
/// </summary>
internal sealed class SnfCube
{
    public SnfCube(double[,] data, FitsHeader header)
    {
        Data = data;
        Header = header;
    }

    /// <summary>[spaxel, bin].</summary>
    public double[,] Data { get; }

    public FitsHeader Header { get; }

    public string Id => Header.GetString("EXPID");

    public double[] Slice(int bin)
    {
        var n = Data.GetLength(0);
        var slice = new double[n];
        for (var s = 0; s < n; s++)
        {
            slice[s] = Data[s, bin];
        }

        return slice;
    }

    public void SetSlice(int bin, double[] values)
    {
        for (var s = 0; s < values.Length; s++)
        {
            Data[s, bin] = values[s];
        }
    }

    public static SnfCube Read(string path)
    {
        var image = SnfLayout.ReadFits(path);
        if (image.Width != SnfInstrument.Bins || image.Height != SnfInstrument.Side * SnfInstrument.Side)
        {
            throw new SnfDataException($"{path}: a cube is {SnfInstrument.Bins}×{SnfInstrument.Side * SnfInstrument.Side}, not {image.Width}×{image.Height}");
        }

        var data = new double[image.Height, image.Width];
        for (var s = 0; s < image.Height; s++)
        {
            for (var b = 0; b < image.Width; b++)
            {
                data[s, b] = image.Pixels[(s * image.Width) + b];
            }
        }

        return new SnfCube(data, image.Header);
    }

    public void Write(string path)
    {
        var pixels = new float[Data.Length];
        for (var s = 0; s < Data.GetLength(0); s++)
        {
            for (var b = 0; b < Data.GetLength(1); b++)
            {
                pixels[(s * Data.GetLength(1)) + b] = (float)Data[s, b];
            }
        }

        SnfLayout.WriteFits(path, new FitsImage(Data.GetLength(1), Data.GetLength(0), pixels, Header.Clone()));
    }
}

using System.Buffers.Binary;
using System.Text;

namespace Nightshift.Activities.Fits;

/// <summary>Reads and writes 2-D images in the primary HDU of a FITS file (BITPIX -32, or 16 with BSCALE/BZERO).</summary>
public static class FitsFile
{
    /// <summary>The FITS block size in bytes; header and data are each padded to a multiple of it.</summary>
    public const int BlockSize = 2880;

    private static readonly string[] StructuralKeywords =
        ["SIMPLE", "BITPIX", "NAXIS", "NAXIS1", "NAXIS2", "EXTEND", "BSCALE", "BZERO", "BLANK", "END"];

    /// <summary>Reads the primary image of <paramref name="path"/>; a malformed file throws <see cref="FitsFormatException"/>.</summary>
    public static FitsImage Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            throw new FitsFormatException(path, "file does not exist");
        }
        catch (DirectoryNotFoundException)
        {
            throw new FitsFormatException(path, "file does not exist");
        }

        return Parse(bytes, path);
    }

    /// <summary>Parses FITS bytes; <paramref name="fileName"/> names the source in error messages.</summary>
    public static FitsImage Parse(ReadOnlySpan<byte> bytes, string fileName)
    {
        if (bytes.Length == 0)
        {
            throw new FitsFormatException(fileName, "file is empty");
        }

        var all = new FitsHeader(fileName);
        var offset = 0;
        var ended = false;
        var index = 0;
        while (!ended)
        {
            if (offset + FitsCard.Length > bytes.Length)
            {
                throw new FitsFormatException(fileName,
                    $"header is truncated: no END card in the {bytes.Length} bytes of the file");
            }

            var cardBytes = bytes.Slice(offset, FitsCard.Length);
            foreach (var b in cardBytes)
            {
                if (b is < 0x20 or > 0x7E)
                {
                    throw new FitsFormatException(fileName,
                        $"header card {index + 1} contains a non-ASCII byte 0x{b:X2}; this does not look like a FITS file");
                }
            }

            var text = Encoding.ASCII.GetString(cardBytes);
            if (text.StartsWith("END     ", StringComparison.Ordinal) && text[8..].Trim().Length == 0)
            {
                ended = true;
            }
            else
            {
                var card = FitsCard.Parse(text, fileName, index);
                if (index == 0 && !(card.Keyword == "SIMPLE" && card.Value is true))
                {
                    throw new FitsFormatException(fileName, "the first header card is not SIMPLE = T");
                }

                all.Add(card);
            }

            offset += FitsCard.Length;
            index++;
        }

        var dataStart = ((offset + BlockSize - 1) / BlockSize) * BlockSize;
        var bitpix = RequireInt(all, "BITPIX", fileName);
        if (bitpix != 16 && bitpix != -32)
        {
            throw new FitsFormatException(fileName, $"BITPIX = {bitpix} is not supported (only -32 and 16 are)");
        }

        var naxis = RequireInt(all, "NAXIS", fileName);
        if (naxis != 2)
        {
            throw new FitsFormatException(fileName, $"NAXIS = {naxis} is not supported (only 2-D images are)");
        }

        var width = RequireInt(all, "NAXIS1", fileName);
        var height = RequireInt(all, "NAXIS2", fileName);
        if (width <= 0 || height <= 0)
        {
            throw new FitsFormatException(fileName, $"image size NAXIS1 = {width}, NAXIS2 = {height} must be positive");
        }

        var bytesPerPixel = Math.Abs(bitpix) / 8;
        var dataBytes = (long)width * height * bytesPerPixel;
        var available = (long)bytes.Length - dataStart;
        if (available < dataBytes)
        {
            throw new FitsFormatException(fileName,
                $"data are truncated: {width}x{height} pixels of BITPIX {bitpix} need {dataBytes} bytes after the header, found {Math.Max(available, 0)}");
        }

        if (bytes.Length % BlockSize != 0)
        {
            throw new FitsFormatException(fileName, $"file size {bytes.Length} is not a multiple of {BlockSize} bytes");
        }

        var bscale = all.GetDouble("BSCALE", 1.0);
        var bzero = all.GetDouble("BZERO", 0.0);
        long? blank = all.Contains("BLANK") ? all.GetInt64("BLANK") : null;
        var pixels = new float[width * height];
        var data = bytes.Slice(dataStart, (int)dataBytes);
        if (bitpix == -32)
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                var raw = BinaryPrimitives.ReadSingleBigEndian(data.Slice(i * 4, 4));
                pixels[i] = bscale == 1.0 && bzero == 0.0 ? raw : (float)(bzero + (bscale * raw));
            }
        }
        else
        {
            for (var i = 0; i < pixels.Length; i++)
            {
                var raw = BinaryPrimitives.ReadInt16BigEndian(data.Slice(i * 2, 2));
                pixels[i] = blank == raw ? float.NaN : (float)(bzero + (bscale * raw));
            }
        }

        var header = all.Clone(StructuralKeywords);
        return new FitsImage(width, height, pixels, header);
    }

    /// <summary>
    /// Writes <paramref name="image"/> to <paramref name="path"/> (through a temporary file and a rename, so a crash never
    /// leaves a half-written product). For <see cref="FitsDataType.Int16"/>, BSCALE/BZERO are chosen from the data range
    /// unless given; NaN pixels are written as BLANK.
    /// </summary>
    public static void Write(string path, FitsImage image, FitsDataType dataType = FitsDataType.Float32, double? bscale = null, double? bzero = null)
    {
        var bytes = Serialize(image, dataType, bscale, bzero);
        var directory = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        var temp = $"{path}.tmp{Environment.ProcessId}";
        File.WriteAllBytes(temp, bytes);
        File.Move(temp, path, overwrite: true);
    }

    /// <summary>Encodes <paramref name="image"/> as FITS bytes; see <see cref="Write"/>.</summary>
    public static byte[] Serialize(FitsImage image, FitsDataType dataType = FitsDataType.Float32, double? bscale = null, double? bzero = null)
    {
        var header = new FitsHeader();
        header.Set("SIMPLE", true, "conforms to FITS standard");
        header.Set("BITPIX", (long)dataType, dataType == FitsDataType.Int16 ? "16-bit integers" : "IEEE single precision");
        header.Set("NAXIS", 2L);
        header.Set("NAXIS1", (long)image.Width);
        header.Set("NAXIS2", (long)image.Height);

        var scale = 1.0;
        var zero = 0.0;
        var hasBlank = false;
        if (dataType == FitsDataType.Int16)
        {
            (scale, zero) = ChooseScaling(image.Pixels, bscale, bzero);
            hasBlank = image.Pixels.Any(float.IsNaN);
            header.Set("BSCALE", scale, "physical = BZERO + BSCALE * stored");
            header.Set("BZERO", zero);
            if (hasBlank)
            {
                header.Set("BLANK", (long)short.MinValue, "stored value of undefined pixels");
            }
        }
        else if (bscale is not null || bzero is not null)
        {
            throw new ArgumentException("BSCALE/BZERO are only written for BITPIX 16", nameof(bscale));
        }

        foreach (var card in image.Header.Cards)
        {
            if (card.IsCommentary || !StructuralKeywords.Contains(card.Keyword, StringComparer.Ordinal))
            {
                header.Add(card);
            }
        }

        var headerText = new StringBuilder();
        foreach (var card in header.Cards)
        {
            headerText.Append(card.Format());
        }

        headerText.Append("END".PadRight(FitsCard.Length));
        var headerBytes = Pad(Encoding.ASCII.GetBytes(headerText.ToString()), (byte)' ');

        var bytesPerPixel = dataType == FitsDataType.Int16 ? 2 : 4;
        var data = new byte[image.Pixels.Length * bytesPerPixel];
        for (var i = 0; i < image.Pixels.Length; i++)
        {
            var v = image.Pixels[i];
            if (dataType == FitsDataType.Float32)
            {
                BinaryPrimitives.WriteSingleBigEndian(data.AsSpan(i * 4, 4), v);
            }
            else
            {
                short stored;
                if (float.IsNaN(v))
                {
                    stored = short.MinValue;
                }
                else
                {
                    var q = Math.Round((v - zero) / scale, MidpointRounding.ToEven);
                    // The lowest code is reserved for BLANK when the image has blanks.
                    var low = hasBlank ? short.MinValue + 1 : short.MinValue;
                    stored = (short)Math.Clamp(q, low, short.MaxValue);
                }

                BinaryPrimitives.WriteInt16BigEndian(data.AsSpan(i * 2, 2), stored);
            }
        }

        var paddedData = Pad(data, 0);
        var result = new byte[headerBytes.Length + paddedData.Length];
        headerBytes.CopyTo(result, 0);
        paddedData.CopyTo(result, headerBytes.Length);
        return result;
    }

    private static (double Scale, double Zero) ChooseScaling(float[] pixels, double? bscale, double? bzero)
    {
        if (bscale is { } s && bzero is { } z)
        {
            if (s == 0 || !double.IsFinite(s) || !double.IsFinite(z))
            {
                throw new ArgumentException("BSCALE must be finite and non-zero, BZERO finite", nameof(bscale));
            }

            return (s, z);
        }

        var min = double.PositiveInfinity;
        var max = double.NegativeInfinity;
        foreach (var v in pixels)
        {
            if (!float.IsNaN(v))
            {
                min = Math.Min(min, v);
                max = Math.Max(max, v);
            }
        }

        if (double.IsInfinity(min))
        {
            return (1.0, 0.0);
        }

        // Map [min, max] onto the stored range, keeping the lowest code free for BLANK.
        var scale = max > min ? (max - min) / 65533.0 : 1.0;
        var zero = ((max + min) / 2.0) + (scale / 2.0);
        return (bscale ?? scale, bzero ?? zero);
    }

    private static int RequireInt(FitsHeader header, string keyword, string fileName)
    {
        if (!header.Contains(keyword))
        {
            throw new FitsFormatException(fileName, $"required keyword {keyword} is missing");
        }

        return header.GetValueOrNull(keyword) is long l && l is >= int.MinValue and <= int.MaxValue
            ? (int)l
            : throw new FitsFormatException(fileName, $"keyword {keyword} must be an integer, found '{header.GetValueOrNull(keyword)}'");
    }

    private static byte[] Pad(byte[] bytes, byte fill)
    {
        var length = ((bytes.Length + BlockSize - 1) / BlockSize) * BlockSize;
        if (length == bytes.Length)
        {
            return bytes;
        }

        var padded = new byte[length];
        bytes.CopyTo(padded, 0);
        padded.AsSpan(bytes.Length).Fill(fill);
        return padded;
    }
}

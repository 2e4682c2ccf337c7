namespace Nightshift.Activities.Fits;

/// <summary>The pixel encodings (BITPIX) this library reads and writes.</summary>
public enum FitsDataType
{
    /// <summary>BITPIX = 16: big-endian 16-bit integers, with BSCALE/BZERO giving physical values.</summary>
    Int16 = 16,

    /// <summary>BITPIX = -32: big-endian IEEE single-precision floats.</summary>
    Float32 = -32,
}

namespace Nightshift.Activities.Kernels.Lap;

/// <summary>The bits of a LAP mask image (stored as BITPIX 16). Any non-zero value means the pixel is not used.</summary>
[Flags]
public enum PixelMask
{
    /// <summary>A good pixel.</summary>
    None = 0,

    /// <summary>No or too little response: dead pixel or column, or a bad flat-field value.</summary>
    Dead = 1,

    /// <summary>An isolated pixel far above its neighbours (hot pixel, cosmic ray).</summary>
    Hot = 2,

    /// <summary>At or near the saturation level.</summary>
    Saturated = 4,

    /// <summary>Outside the footprint of the input (warps, stacks, diffs).</summary>
    NoData = 8,

    /// <summary>On a satellite streak found by the magic/destreak kernel.</summary>
    Streak = 16,
}

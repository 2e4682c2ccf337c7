using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>The two images of one skycell's difference.</summary>
public sealed record DiffPair(string Skycell, ImageProduct Science, ImageProduct Template);

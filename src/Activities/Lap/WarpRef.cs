using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>One warp of an exposure as the ledger records it.</summary>
public sealed record WarpRef(string Skycell, ImageProduct Product, double BadFraction, double CoveredFraction);

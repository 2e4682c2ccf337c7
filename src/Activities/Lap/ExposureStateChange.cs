namespace Nightshift.Activities.Lap;

/// <summary>A change to one row of <c>lap_exposures</c>; null fields are left as they are.</summary>
public sealed record ExposureStateChange(int ExpId, string? DataState = null, int? Fault = null, bool? Private = null, bool? Pairwise = null, int? PairId = null, string? Note = null);

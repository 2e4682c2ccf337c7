namespace Nightshift.Activities.Lap;

/// <summary>An exposure selected by a run, with what the sequence ledger knows about it.</summary>
/// <param name="ExpId">Exposure id (time order).</param>
/// <param name="Name">Exposure name.</param>
/// <param name="RawPath">The raw file, absolute.</param>
/// <param name="Object">OBJECT.</param>
/// <param name="Comment">COMMENT.</param>
/// <param name="MjdObs">MJD-OBS.</param>
/// <param name="Junk">A focus/test exposure.</param>
/// <param name="DataState">new (to process), exists (cleaned: to regenerate), full (reused).</param>
/// <param name="Owner">True when this run processes it; false when another run of the sequence does.</param>
/// <param name="Record">The reused products when <paramref name="DataState"/> is full.</param>
public sealed record PlannedExposure(
    int ExpId, string Name, string RawPath, string Object, string Comment, double MjdObs, bool Junk, string DataState, bool Owner, ExposureRecord? Record);

namespace Nightshift.Activities.Lap;

/// <summary>The sequence ledger's row of one exposure.</summary>
/// <param name="ExpId">Exposure id.</param>
/// <param name="State">new (claimed), chip (chip done), full (warped), cleaned.</param>
/// <param name="Owner">The run processing it.</param>
/// <param name="Claimed">True when this lookup made the asking run the owner (the products had been cleaned).</param>
/// <param name="Record">The products, when processed.</param>
public sealed record LedgerEntry(int ExpId, string State, string? Owner, bool Claimed, ExposureRecord? Record);

namespace Nightshift.Activities.Lap;

/// <summary>Reads the sequence ledger for some exposures; a cleaned one is claimed by the asking run.</summary>
public sealed record LedgerLookupInput(LapStep Step, IReadOnlyList<int> ExpIds);

namespace Nightshift.Activities.Lap;

/// <summary>Summarises a sequence into OUTPUT/summary.json and OUTPUT/transients.csv.</summary>
public sealed record SummaryInput(LapStep Step, double MatchRadiusArcsec, double MinSnr);

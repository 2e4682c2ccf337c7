namespace Nightshift.Activities.Lap;

/// <summary>What a survey holds: its projection cells, filter and counts.</summary>
public sealed record SurveyInfo(string Directory, IReadOnlyList<string> ProjectionCells, string Filter, int Exposures, int Transients);

namespace Nightshift.Workflows.Lap;

/// <summary>A sequence: its runs to keep going, MaxActiveRuns at a time.</summary>
public sealed record LapSequenceInput(string SeqId, LapConfig Config, string SurveyDirectory, IReadOnlyList<LapRunDefinition> Runs);

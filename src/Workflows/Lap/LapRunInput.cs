namespace Nightshift.Workflows.Lap;

/// <summary>One run of a sequence.</summary>
public sealed record LapRunInput(string SeqId, LapRunDefinition Definition, LapConfig Config, string SurveyDirectory);

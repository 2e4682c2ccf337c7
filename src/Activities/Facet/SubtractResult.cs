namespace Nightshift.Activities.Facet;

/// <summary>A subtraction: the model file kept for the undo, and the data rms before and after.</summary>
public sealed record SubtractResult(string Direction, string Model, double RmsBefore, double RmsAfter);

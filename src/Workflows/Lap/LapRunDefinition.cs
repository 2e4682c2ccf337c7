namespace Nightshift.Workflows.Lap;

/// <summary>One line of the run queue (laptool -definerun): a projection cell in a filter, optionally labelled and with its own radius.</summary>
/// <param name="Cell">Projection cell name, for example PC000.</param>
/// <param name="Filter">Filter; the survey's when null.</param>
/// <param name="Label">Distinguishes two runs of one cell and filter in a sequence.</param>
/// <param name="RadiusDeg">Selection radius; the cell's when null.</param>
public sealed record LapRunDefinition(string Cell, string? Filter = null, string? Label = null, double? RadiusDeg = null);

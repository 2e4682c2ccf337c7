namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>One merged run option: its value as text (empty for null) and the layer it came from.</summary>
public sealed record RunOptionValue(string Name, string Value, string Source);

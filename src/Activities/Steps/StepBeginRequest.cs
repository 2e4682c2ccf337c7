namespace Nightshift.Activities.Steps;

/// <summary>Input of <see cref="StepActivityNames.Begin"/>.</summary>
public sealed record StepBeginRequest(string Scope, string Key, string InputHash, string? CodeVersion, string InstanceId);

namespace Nightshift.Activities.Tests.Steps;

/// <summary>A test step: append <paramref name="Line"/> to <paramref name="File"/> (shared data) and write <paramref name="Product"/>.</summary>
internal sealed record StepLine(string Key, string File, string Line, string Product, bool Fail = false);

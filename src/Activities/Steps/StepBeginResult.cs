namespace Nightshift.Activities.Steps;

/// <summary>
/// What <see cref="StepActivityNames.Begin"/> found: a completed step with the same input (<see cref="Reuse"/>), or
/// a step of the same key recorded with another input (<see cref="Stale"/>, to be undone before it runs again).
/// </summary>
public sealed record StepBeginResult(StepRecord? Reuse, StepRecord? Stale);

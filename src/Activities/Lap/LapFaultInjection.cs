namespace Nightshift.Activities.Lap;

/// <summary>
/// Makes a step fail on purpose, for tests and operator drills: the step <paramref name="Stage"/> (chip, warp, stack, diff,
/// magic) of <paramref name="Target"/> (an exposure name or a skycell name) fails with <paramref name="Fault"/> on its first
/// <paramref name="Times"/> executions (every execution when null), in runs whose id contains <paramref name="Run"/> (every run when
/// null). Executions are counted in <c>lap_injections</c>, per sequence.
/// </summary>
public sealed record LapFaultInjection(string Stage, string Target, int Fault, int? Times = null, string? Run = null);

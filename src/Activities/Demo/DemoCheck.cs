namespace Nightshift.Activities.Demo;

/// <summary>One verification of a total against an independent value.</summary>
/// <param name="Name">What was checked, in plain ASCII so that it reads the same in <c>v_history</c> (the store escapes other characters).</param>
/// <param name="Expected">The independent value, as text.</param>
/// <param name="Actual">The value the chunks produced, as text.</param>
/// <param name="Passed">Whether they agree (within the stated tolerance for floating-point checks).</param>
public sealed record DemoCheck(string Name, string Expected, string Actual, bool Passed);

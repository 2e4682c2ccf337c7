namespace Nightshift.Activities.Demo;

/// <summary>The outcome of <see cref="VerifyActivity"/>.</summary>
/// <param name="Checks">Every check made, passed or not.</param>
public sealed record DemoVerification(IReadOnlyList<DemoCheck> Checks)
{
    /// <summary>True when every check passed.</summary>
    public bool Passed => Checks.All(c => c.Passed);
}

namespace Nightshift.Durable.Tests.Support;

/// <summary>Checks once that the server is there, so a missing server fails the run with one clear message.</summary>
[TestClass]
public static class AssemblySetup
{
    [AssemblyInitialize]
    public static async Task RequirePostgresAsync(TestContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        await PostgresServer.EnsureReachableAsync();
    }
}

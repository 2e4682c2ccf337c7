using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Scenarios;

[TestClass]
public sealed class PostgresRuntimeScenarios : RuntimeScenarios
{
    protected override Backend CreateBackend() => new PostgresBackend();
}

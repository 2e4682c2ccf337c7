using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Scenarios;

[TestClass]
public sealed class SqliteRuntimeScenarios : RuntimeScenarios
{
    protected override Backend CreateBackend() => new SqliteBackend();
}

using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Peer;

[TestClass]
public sealed class PostgresPeerScenarios : PeerScenarios
{
    protected override Backend CreateBackend() => new PostgresBackend();
}

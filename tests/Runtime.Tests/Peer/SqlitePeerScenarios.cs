using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Peer;

[TestClass]
public sealed class SqlitePeerScenarios : PeerScenarios
{
    protected override Backend CreateBackend() => new SqliteBackend();
}

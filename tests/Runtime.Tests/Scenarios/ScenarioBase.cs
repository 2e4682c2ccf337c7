using Nightshift.Durable;
using Nightshift.Runtime.Tests.Support;

namespace Nightshift.Runtime.Tests.Scenarios;

/// <summary>A fresh store of the subclass's backend for every test.</summary>
public abstract class ScenarioBase
{
    private Backend? backend;

    public TestContext TestContext { get; set; } = null!;

    protected Backend Backend => backend ?? throw new InvalidOperationException("No backend before TestInitialize.");

    protected abstract Backend CreateBackend();

    [TestInitialize]
    public async Task CreateStoreAsync()
    {
        backend = CreateBackend();
        await backend.CheckReachableAsync();
    }

    [TestCleanup]
    public void DropStore() => backend?.Dispose();

    protected Task<RuntimeHost> StartHostAsync(Action<WorkerOptions>? worker = null, bool startWorker = true, Probe? probe = null)
        => RuntimeHost.StartAsync(Backend, worker, startWorker, probe);
}

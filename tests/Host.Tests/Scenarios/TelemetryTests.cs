using System.Net;
using System.Net.Sockets;
using Nightshift.Host.Tests.Support;

namespace Nightshift.Host.Tests.Scenarios;

[TestClass]
public sealed class TelemetryTests
{
    [TestMethod]
    public async Task With_an_OTLP_endpoint_set_a_run_exports_traces_and_metrics()
    {
        using var store = new TempStore();
        var port = FreePort();
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var paths = new HashSet<string>();
        var receiving = ReceiveAsync(listener, paths);

        var result = await NightshiftExe.RunAsync(store.Directory, ["run", "demo", "--input", """{"chunks": 2, "size": 100}""", "--db", store.Path],
            new Dictionary<string, string>
            {
                ["OTEL_EXPORTER_OTLP_ENDPOINT"] = $"http://127.0.0.1:{port}",
                ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            });

        result.ShouldSucceed();
        listener.Stop();
        await receiving;
        lock (paths)
        {
            Assert.Contains("/v1/traces", paths, string.Join(", ", paths));
            Assert.Contains("/v1/metrics", paths, string.Join(", ", paths));
        }
    }

    [TestMethod]
    public async Task Without_an_OTLP_endpoint_nothing_is_exported_and_stdout_stays_clean()
    {
        using var store = new TempStore();

        var result = (await store.RunAsync("run", "demo", "--input", """{"chunks": 1, "size": 10}""", "--json")).ShouldSucceed();

        Assert.AreEqual("Completed", StoreViews.Json(result.Stdout).GetProperty("status").GetString(), "stdout holds only the JSON");
    }

    /// <summary>Answers every OTLP export with 200 and notes its path, until the listener stops.</summary>
    private static async Task ReceiveAsync(HttpListener listener, HashSet<string> paths)
    {
        while (true)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            lock (paths)
            {
                paths.Add(context.Request.Url!.AbsolutePath);
            }

            await context.Request.InputStream.CopyToAsync(Stream.Null);
            context.Response.StatusCode = 200;
            context.Response.ContentType = "application/x-protobuf";
            context.Response.Close();
        }
    }

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}

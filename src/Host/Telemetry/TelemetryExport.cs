using Nightshift.Durable;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Nightshift.Host.Telemetry;

/// <summary>
/// OTLP export of the runtime's and the launcher's traces and metrics, switched on by
/// <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> (the exporter reads the other standard OTEL_* variables itself).
/// Disposing flushes what is buffered, so even a short command's spans arrive.
/// </summary>
internal sealed class TelemetryExport : IDisposable
{
    public const string EndpointVariable = "OTEL_EXPORTER_OTLP_ENDPOINT";

    private readonly TracerProvider? tracer;
    private readonly MeterProvider? meter;

    private TelemetryExport(TracerProvider? tracer, MeterProvider? meter)
    {
        this.tracer = tracer;
        this.meter = meter;
    }

    public bool Enabled => tracer is not null;

    public static TelemetryExport FromEnvironment()
    {
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(EndpointVariable)))
        {
            return new TelemetryExport(null, null);
        }

        var resource = ResourceBuilder.CreateDefault();
        if (string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("OTEL_SERVICE_NAME")))
        {
            resource.AddService("nightshift", serviceVersion: typeof(TelemetryExport).Assembly.GetName().Version?.ToString());
        }

        var tracer = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(DurableTelemetry.SourceName, HostTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        var meter = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(DurableTelemetry.SourceName, HostTelemetry.SourceName)
            .AddOtlpExporter()
            .Build();
        return new TelemetryExport(tracer, meter);
    }

    public void Dispose()
    {
        tracer?.Dispose();
        meter?.Dispose();
    }
}

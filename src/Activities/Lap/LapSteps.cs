using Nightshift.Durable;

namespace Nightshift.Activities.Lap;

/// <summary>What every kernel step does around its kernel: injected faults first, then every exception turned into a LAP fault class.</summary>
internal static class LapSteps
{
    /// <summary>
    /// The token the LAP steps pass to the ledger and their kernels. The SDK gives an activity no token, and a step is not
    /// cancelled half-way on purpose: its ledger writes are transactions and its products are rewritten whole, and a worker
    /// that dies loses the step's lease to another worker, which runs it again.
    /// </summary>
    public static CancellationToken RunToEnd => CancellationToken.None;

    public static async Task<T> GuardAsync<T>(LapLedger ledger, LapStep step, string stage, string target, Func<Task<T>> run, CancellationToken cancellationToken)
    {
        await InjectAsync(ledger, step, stage, target, cancellationToken).ConfigureAwait(false);
        try
        {
            return await run().ConfigureAwait(false);
        }
        catch (LapFaultException)
        {
            throw;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw new LapFaultException(LapFault.Classify(e), $"{stage} of {target}: {e.Message}", e);
        }
    }

    private static async Task InjectAsync(LapLedger ledger, LapStep step, string stage, string target, CancellationToken cancellationToken)
    {
        var injection = step.Injections.FirstOrDefault(i =>
            string.Equals(i.Stage, stage, StringComparison.Ordinal) && string.Equals(i.Target, target, StringComparison.Ordinal)
            && (i.Run is null || step.LapId.Contains(i.Run, StringComparison.Ordinal)));
        if (injection is null)
        {
            return;
        }

        var hits = Convert.ToInt64((await ledger.WriteAsync((c, t) => ledger.RowsAsync(c, t,
            $"INSERT INTO {ledger.P}lap_injections AS i (seq_id, stage, target, hits) VALUES (@s, @st, @t, 1) " +
            "ON CONFLICT (seq_id, stage, target) DO UPDATE SET hits = i.hits + 1 RETURNING hits",
            cancellationToken, ("@s", step.SeqId), ("@st", stage), ("@t", target)), cancellationToken).ConfigureAwait(false))[0][0], System.Globalization.CultureInfo.InvariantCulture);
        if (injection.Times is null || hits <= injection.Times)
        {
            throw new LapFaultException(injection.Fault, $"injected fault in {stage} of {target} (execution {hits})");
        }
    }

    /// <summary>Serialises a record for a ledger column.</summary>
    public static string Json<T>(T value) => DurableJson.Serialize(value) ?? "null";

    public static T? FromJson<T>(object? text) => text is string s ? DurableJson.Deserialize<T>(s) : default;
}

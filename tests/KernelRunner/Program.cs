using Nightshift.Activities.Kernels.Common;

if (args.Length == 0)
{
    await Console.Error.WriteLineAsync("usage: Nightshift.KernelRunner KERNEL ARGS...");
    return 2;
}

using var cts = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cts.Cancel();
};
return await KernelRegistry.CreateDefault().RunAsync(args[0], args[1..], Console.Out, Console.Error, cts.Token);

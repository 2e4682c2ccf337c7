namespace Nightshift.Workflows.Demo;

/// <summary>The demo's custom status: which phase it is in and how many of its steps are done.</summary>
/// <param name="Phase">waiting, chunks, reduce, verify, summarise or done.</param>
/// <param name="Done">Steps finished: chunks, then one per step of the chain.</param>
/// <param name="Total">Every step: the chunks and the three steps of the chain.</param>
public sealed record DemoProgress(string Phase, int Done, int Total);

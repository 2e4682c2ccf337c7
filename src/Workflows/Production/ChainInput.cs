using Nightshift.Activities.Production;

namespace Nightshift.Workflows.Production;

/// <summary>The input of a night-plan or target-plan chain.</summary>
internal sealed record ChainInput(ProductionKey Key, string Raw, string Prod, string Backend, bool Register, string Unit, IReadOnlyList<string> Nights);

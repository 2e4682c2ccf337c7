namespace Nightshift.Workflows.Tests.Facet;

/// <summary>An activity and its input (JSON), to be called twice as a second delivery would.</summary>
internal sealed record CallTwiceInput(string Activity, string Input);

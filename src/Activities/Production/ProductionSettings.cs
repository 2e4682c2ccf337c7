using Nightshift.Activities.Kernels.Snf;

namespace Nightshift.Activities.Production;

/// <summary>What the begin activity needs to plan a run: the production, its mode, where data and outputs are.</summary>
internal sealed record ProductionSettings(
    ProductionKey Key,
    string Mode,
    string Raw,
    string Output,
    bool Register,
    IReadOnlyList<string>? Nights,
    IReadOnlyList<string>? Targets,
    SnfSurveyOptions? Generate);

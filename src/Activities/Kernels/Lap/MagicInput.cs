namespace Nightshift.Activities.Kernels.Lap;

/// <summary>One skycell's share of a destreak: the difference, the warps it was made from, and where to write them destreaked.</summary>
/// <param name="Diff">The difference image product.</param>
/// <param name="Science">The science warp.</param>
/// <param name="Template">The template warp, or null when the template is a stack (stacks are not rewritten).</param>
/// <param name="ScienceOutputBase">Base path of the destreaked science warp.</param>
/// <param name="TemplateOutputBase">Base path of the destreaked template warp, or null.</param>
public sealed record MagicInput(ImageProduct Diff, ImageProduct Science, ImageProduct? Template, string ScienceOutputBase, string? TemplateOutputBase);

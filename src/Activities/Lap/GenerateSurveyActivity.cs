using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Lap;

namespace Nightshift.Activities.Lap;

/// <summary>Writes the synthetic survey, or reuses one generated from the same configuration (a resumed demo does not regenerate it).</summary>
public sealed class GenerateSurveyActivity : TaskActivity<GenerateSurveyInput, SurveyInfo>
{
    /// <inheritdoc/>
    public override Task<SurveyInfo> RunAsync(TaskActivityContext context, GenerateSurveyInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        SurveyManifest? manifest = null;
        if (File.Exists(Path.Combine(input.Directory, SurveyManifest.FileName)))
        {
            var existing = SurveyManifest.Load(input.Directory);
            manifest = existing.Config == input.Survey ? existing : null;
        }

        if (manifest is null)
        {
            if (Directory.Exists(input.Directory))
            {
                Directory.Delete(input.Directory, recursive: true);
            }

            manifest = SurveyGenerator.Generate(input.Survey, input.Directory);
        }

        return Task.FromResult(new SurveyInfo(
            manifest.RootDirectory, [.. manifest.ProjectionCells.Select(c => c.Name)], input.Survey.Filter, manifest.Exposures.Count, manifest.Transients.Count));
    }
}

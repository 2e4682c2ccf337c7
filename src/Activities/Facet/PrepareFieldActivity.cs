using Microsoft.DurableTask;
using Nightshift.Activities.Kernels.Facet;

namespace Nightshift.Activities.Facet;

/// <summary>
/// Factor's start of a run: checks the input, converts the direction-independent table from real/imaginary to
/// amplitude/phase, and chunks the visibilities in time into the working directory (the copy that subtraction edits;
/// the input stays untouched).
/// </summary>
internal sealed class PrepareFieldActivity : TaskActivity<PrepareFieldInput, FieldInfo>
{
    public override Task<FieldInfo> RunAsync(TaskActivityContext context, PrepareFieldInput input)
    {
        var simulated = false;
        var dataPath = Path.Combine(input.InputDir, FieldSimulator.DataFile);
        if (!File.Exists(dataPath) && input.Simulate is { } options)
        {
            FieldSimulator.Run(options, input.InputDir);
            simulated = true;
        }

        foreach (var required in new[] { FieldSimulator.DataFile, FieldSimulator.SkyModelFileName })
        {
            if (!File.Exists(Path.Combine(input.InputDir, required)))
            {
                throw new FileNotFoundException($"{Path.Combine(input.InputDir, required)} does not exist (dir_ms must hold {FieldSimulator.DataFile} and {FieldSimulator.SkyModelFileName})");
            }
        }

        var vis = Visibilities.Read(dataPath);
        Directory.CreateDirectory(FacetWorkspace.ChunksDirectory(input.WorkingDir));
        foreach (var stale in FacetWorkspace.ChunkFiles(input.WorkingDir).Append(FacetWorkspace.JournalPath(input.WorkingDir)))
        {
            File.Delete(stale);
        }

        FacetWorkspace.Save(input.WorkingDir, vis);

        var converted = false;
        var diSource = Path.Combine(input.InputDir, FieldSimulator.DiTableFile);
        var diTarget = Path.Combine(input.WorkingDir, FieldSimulator.DiTableFile);
        if (File.Exists(diSource))
        {
            File.Copy(diSource, diTarget, overwrite: true);
            converted = DiTableConverter.Run(diTarget);
        }

        return Task.FromResult(new FieldInfo(vis.RaDeg, vis.DecDeg, vis.AntennaCount, vis.TimeCount, vis.ChannelCount,
            FacetWorkspace.ChunkFiles(input.WorkingDir), FacetWorkspace.Checksum(dataPath), simulated, converted));
    }
}

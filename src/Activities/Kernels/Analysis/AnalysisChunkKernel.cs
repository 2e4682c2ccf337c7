using Nightshift.Activities.Kernels.Common;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// <c>analysis-chunk --cfg CONFIG --dataset NAME --file PATH --start N --stop N --out OUTPUT.json [--skip-bad-files true]</c>:
/// processes one chunk and writes its accumulator (exact JSON). Exit 0 on success, 1 when the file cannot be read
/// (without skip-bad-files), 2 for a bad command line or configuration.
/// </summary>
public sealed class AnalysisChunkKernel : IKernel
{
    private static readonly string[] Known = ["cfg", "dataset", "file", "start", "stop", "out", "skip-bad-files"];

    /// <inheritdoc/>
    public string Name => "analysis-chunk";

    /// <inheritdoc/>
    public string Description => "analysis-chunk --cfg CONFIG --dataset NAME --file PATH --start N --stop N --out OUT.json [--skip-bad-files true]: one analysis chunk";

    /// <inheritdoc/>
    public async Task<int> RunAsync(IReadOnlyList<string> arguments, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stdout);
        ArgumentNullException.ThrowIfNull(stderr);
        try
        {
            var args = KernelArguments.Parse(arguments, Known);
            var config = AnalysisConfig.Load(args.Required("cfg"));
            var dataset = config.Dataset(args.Required("dataset"));
            var file = Path.GetFullPath(args.Required("file"));
            if (!dataset.Files.Contains(file))
            {
                throw new KernelUsageException($"file '{file}' is not in dataset {dataset.Name}");
            }

            var start = args.Integer("start", 0);
            var stop = args.Integer("stop", start + 1);
            var skip = args.Optional("skip-bad-files") is "true";
            var output = await ChunkProcessor.ProcessAsync(config, new AnalysisChunk(dataset.Name, file, start, stop), skip, cancellationToken).ConfigureAwait(false);
            await AccumulatorJson.WriteAsync(args.Required("out"), output, cancellationToken).ConfigureAwait(false);
            var d = output.Datasets[dataset.Name];
            await stdout.WriteLineAsync($"analysis-chunk: {dataset.Name} {file} [{start}, {stop}): {d.EventsProcessed} events, {d.SkippedFiles.Count} skipped files").ConfigureAwait(false);
            return 0;
        }
        catch (KernelUsageException e)
        {
            await stderr.WriteLineAsync($"analysis-chunk: {e.Message}\nusage: {Description}").ConfigureAwait(false);
            return 2;
        }
        catch (AnalysisConfigException e)
        {
            await stderr.WriteLineAsync($"analysis-chunk: {e.Message}").ConfigureAwait(false);
            return 2;
        }
        catch (BadInputFileException e)
        {
            await stderr.WriteLineAsync($"analysis-chunk: {e.Message}").ConfigureAwait(false);
            return 1;
        }
    }
}

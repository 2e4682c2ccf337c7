using Parquet;
using Parquet.Schema;

namespace Nightshift.Activities.Kernels.Analysis;

/// <summary>
/// NanoAOD-like events in Parquet, with the column names NanoAOD uses (<c>run</c>, <c>luminosityBlock</c>, <c>event</c>,
/// <c>genWeight</c>, <c>MET_pt</c>, <c>Jet_pt</c>…). Object collections are Parquet lists (one list per event), which is
/// what awkward's <c>to_parquet</c> writes for a NanoAOD file, so the files read back in coffea as they do here.
/// </summary>
internal static class NanoParquetFile
{
    private static readonly string[] Collections = ["Jet", "Muon", "Electron"];

    /// <summary>Writes <paramref name="events"/> in row groups of <paramref name="rowGroupSize"/> events.</summary>
    public static async Task WriteAsync(string path, EventChunk events, int rowGroupSize, CancellationToken cancellationToken)
    {
        var isMc = events.GenWeight is not null;
        var flat = new List<DataField>
        {
            new DataField<int>("run"),
            new DataField<int>("luminosityBlock"),
            new DataField<long>("event"),
        };
        if (isMc)
        {
            flat.Add(new DataField<float>("genWeight"));
        }

        flat.Add(new DataField<float>("MET_pt"));
        flat.Add(new DataField<float>("MET_phi"));
        var fields = new List<Field>(flat);
        var lists = new List<(ListField List, DataField Item, JaggedCollection Source, Func<JaggedCollection, float[]> Column)>();
        foreach (var name in Collections)
        {
            var collection = name switch { "Jet" => events.Jets, "Muon" => events.Muons, _ => events.Electrons };
            var columns = new List<(string, Func<JaggedCollection, float[]>)> { ("pt", c => c.Pt), ("eta", c => c.Eta), ("phi", c => c.Phi), ("mass", c => c.Mass) };
            if (name == "Jet")
            {
                columns.Add(("btagDeepFlavB", c => c.BTag!));
            }

            foreach (var (attribute, column) in columns)
            {
                var item = new DataField<float>("element");
                var list = new ListField($"{name}_{attribute}", item);
                fields.Add(list);
                lists.Add((list, item, collection, column));
            }
        }

        var schema = new ParquetSchema(fields);
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream, cancellationToken: cancellationToken).ConfigureAwait(false);
        for (var start = 0; start < events.Count; start += rowGroupSize)
        {
            var stop = Math.Min(events.Count, start + rowGroupSize);
            using var group = writer.CreateRowGroup();
            await group.WriteAsync<int>(flat[0], events.Run.AsMemory(start, stop - start), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<int>(flat[1], events.LuminosityBlock.AsMemory(start, stop - start), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<long>(flat[2], events.Event.AsMemory(start, stop - start), cancellationToken: cancellationToken).ConfigureAwait(false);
            var next = 3;
            if (isMc)
            {
                await group.WriteAsync<float>(flat[next++], events.GenWeight!.AsMemory(start, stop - start), cancellationToken: cancellationToken).ConfigureAwait(false);
            }

            await group.WriteAsync<float>(flat[next++], events.MetPt.AsMemory(start, stop - start), cancellationToken: cancellationToken).ConfigureAwait(false);
            await group.WriteAsync<float>(flat[next], events.MetPhi.AsMemory(start, stop - start), cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var (_, item, source, column) in lists)
            {
                var (values, definitions, repetitions) = Levels(source, column(source), start, stop, item.MaxDefinitionLevel);
                await group.WriteAllPartsAsync<float>(item, values, definitions, repetitions, cancellationToken).ConfigureAwait(false);
            }

            group.CompleteValidate();
        }
    }

    /// <summary>The number of events in a file, from its footer alone; an unreadable file throws.</summary>
    public static async Task<long> CountEventsAsync(string path, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        long count = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            count += group.RowCount;
        }

        return count;
    }

    /// <summary>
    /// Reads events [<paramref name="start"/>, <paramref name="stop"/>) of a file, opening only the row groups that
    /// overlap the range, so a chunk costs its own size and not the file's.
    /// </summary>
    public static async Task<EventChunk> ReadAsync(string path, long start, long stop, CancellationToken cancellationToken)
    {
        await using var reader = await ParquetReader.CreateAsync(path, cancellationToken: cancellationToken).ConfigureAwait(false);
        var byName = reader.Schema.Fields.ToDictionary(f => f.Name, StringComparer.Ordinal);
        var isMc = byName.ContainsKey("genWeight");
        var builder = new ChunkBuilder(isMc);
        long groupStart = 0;
        for (var g = 0; g < reader.RowGroupCount && groupStart < stop; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            var groupStop = groupStart + rows;
            if (groupStop > start)
            {
                var from = (int)Math.Max(0, start - groupStart);
                var to = (int)Math.Min(rows, stop - groupStart);
                builder.Run.AddRange((await ReadFlatAsync<int>(group, byName, "run", rows, cancellationToken).ConfigureAwait(false))[from..to]);
                builder.Lumi.AddRange((await ReadFlatAsync<int>(group, byName, "luminosityBlock", rows, cancellationToken).ConfigureAwait(false))[from..to]);
                builder.Event.AddRange((await ReadFlatAsync<long>(group, byName, "event", rows, cancellationToken).ConfigureAwait(false))[from..to]);
                if (isMc)
                {
                    builder.GenWeight!.AddRange((await ReadFlatAsync<float>(group, byName, "genWeight", rows, cancellationToken).ConfigureAwait(false))[from..to]);
                }

                builder.MetPt.AddRange((await ReadFlatAsync<float>(group, byName, "MET_pt", rows, cancellationToken).ConfigureAwait(false))[from..to]);
                builder.MetPhi.AddRange((await ReadFlatAsync<float>(group, byName, "MET_phi", rows, cancellationToken).ConfigureAwait(false))[from..to]);
                foreach (var name in Collections)
                {
                    await builder.Collection(name).AppendAsync(group, byName, name, rows, from, to, cancellationToken).ConfigureAwait(false);
                }
            }

            groupStart = groupStop;
        }

        if (start < 0 || start > stop || groupStart < stop)
        {
            throw new InvalidDataException($"{path}: events [{start}, {stop}) are beyond the file's {groupStart} events");
        }

        return builder.Build();
    }

    private static async Task<T[]> ReadFlatAsync<T>(ParquetRowGroupReader group, Dictionary<string, Field> byName, string name, int rows, CancellationToken cancellationToken)
        where T : struct
    {
        if (!byName.TryGetValue(name, out var field) || field is not DataField data)
        {
            throw new InvalidDataException($"column '{name}' is missing");
        }

        var values = new T[rows];
        await group.ReadAsync<T>(data, values, null, cancellationToken).ConfigureAwait(false);
        return values;
    }

    // Parquet's Dremel levels for a list of required floats: repetition 0 starts an event, 1 continues it; definition
    // at its maximum marks a value, one below marks an event with an empty list.
    private static (float[] Values, int[] Definitions, int[] Repetitions) Levels(JaggedCollection source, float[] column, int start, int stop, int maxDefinition)
    {
        var first = source.Offsets[start];
        var values = column[first..source.Offsets[stop]];
        var definitions = new List<int>(values.Length + stop - start);
        var repetitions = new List<int>(values.Length + stop - start);
        for (var e = start; e < stop; e++)
        {
            var n = source.Count(e);
            if (n == 0)
            {
                definitions.Add(maxDefinition - 1);
                repetitions.Add(0);
                continue;
            }

            for (var j = 0; j < n; j++)
            {
                definitions.Add(maxDefinition);
                repetitions.Add(j == 0 ? 0 : 1);
            }
        }

        return (values, [.. definitions], [.. repetitions]);
    }

    private sealed class ChunkBuilder(bool isMc)
    {
        private readonly Dictionary<string, CollectionBuilder> collections = new(StringComparer.Ordinal)
        {
            ["Jet"] = new CollectionBuilder(true),
            ["Muon"] = new CollectionBuilder(false),
            ["Electron"] = new CollectionBuilder(false),
        };

        public List<int> Run { get; } = [];

        public List<int> Lumi { get; } = [];

        public List<long> Event { get; } = [];

        public List<float>? GenWeight { get; } = isMc ? [] : null;

        public List<float> MetPt { get; } = [];

        public List<float> MetPhi { get; } = [];

        public CollectionBuilder Collection(string name) => collections[name];

        public EventChunk Build() => new()
        {
            Run = [.. Run],
            LuminosityBlock = [.. Lumi],
            Event = [.. Event],
            GenWeight = GenWeight is null ? null : [.. GenWeight],
            MetPt = [.. MetPt],
            MetPhi = [.. MetPhi],
            Jets = collections["Jet"].Build(),
            Muons = collections["Muon"].Build(),
            Electrons = collections["Electron"].Build(),
        };
    }

    private sealed class CollectionBuilder(bool hasBTag)
    {
        private readonly List<int> offsets = [0];
        private readonly List<float> pt = [];
        private readonly List<float> eta = [];
        private readonly List<float> phi = [];
        private readonly List<float> mass = [];
        private readonly List<float> btag = [];

        public async Task AppendAsync(ParquetRowGroupReader group, Dictionary<string, Field> byName, string name, int rows, int from, int to, CancellationToken cancellationToken)
        {
            var (counts, ptValues) = await ReadListAsync(group, byName, $"{name}_pt", rows, cancellationToken).ConfigureAwait(false);
            var (_, etaValues) = await ReadListAsync(group, byName, $"{name}_eta", rows, cancellationToken).ConfigureAwait(false);
            var (_, phiValues) = await ReadListAsync(group, byName, $"{name}_phi", rows, cancellationToken).ConfigureAwait(false);
            var (_, massValues) = await ReadListAsync(group, byName, $"{name}_mass", rows, cancellationToken).ConfigureAwait(false);
            float[]? btagValues = null;
            if (hasBTag)
            {
                (_, btagValues) = await ReadListAsync(group, byName, $"{name}_btagDeepFlavB", rows, cancellationToken).ConfigureAwait(false);
            }

            var first = 0;
            for (var e = 0; e < from; e++)
            {
                first += counts[e];
            }

            var index = first;
            for (var e = from; e < to; e++)
            {
                for (var j = 0; j < counts[e]; j++, index++)
                {
                    pt.Add(ptValues[index]);
                    eta.Add(etaValues[index]);
                    phi.Add(phiValues[index]);
                    mass.Add(massValues[index]);
                    if (btagValues is not null)
                    {
                        btag.Add(btagValues[index]);
                    }
                }

                offsets.Add(pt.Count);
            }
        }

        public JaggedCollection Build() => new([.. offsets], [.. pt], [.. eta], [.. phi], [.. mass], hasBTag ? [.. btag] : null);

        private static async Task<(int[] Counts, float[] Values)> ReadListAsync(ParquetRowGroupReader group, Dictionary<string, Field> byName, string name, int rows, CancellationToken cancellationToken)
        {
            if (!byName.TryGetValue(name, out var field) || field is not ListField { Item: DataField item })
            {
                throw new InvalidDataException($"list column '{name}' is missing");
            }

            var levels = (int)(group.GetMetadata(item)?.MetaData?.NumValues ?? 0);
            var values = new float[levels];
            var definitions = new int[levels];
            var repetitions = new int[levels];
            await group.ReadRawAsync<float>(item, values, definitions, repetitions, cancellationToken).ConfigureAwait(false);
            var counts = new int[rows];
            var row = -1;
            var present = 0;
            for (var i = 0; i < levels; i++)
            {
                if (repetitions[i] == 0)
                {
                    row++;
                }

                if (definitions[i] == item.MaxDefinitionLevel)
                {
                    if (row < 0 || row >= rows)
                    {
                        throw new InvalidDataException($"list column '{name}' has more lists than rows");
                    }

                    counts[row]++;
                    present++;
                }
            }

            if (row != rows - 1)
            {
                throw new InvalidDataException($"list column '{name}' has {row + 1} lists for {rows} rows");
            }

            return (counts, values[..present]);
        }
    }
}

namespace Nightshift.Activities.Facet;

/// <summary>What preparing the field found: its centre and shape, and the chunk files written.</summary>
public sealed record FieldInfo(double RaDeg, double DecDeg, int Antennas, int TimeSlots, int Channels, IReadOnlyList<string> ChunkFiles, string InputChecksum, bool Simulated, bool DiTableConverted);

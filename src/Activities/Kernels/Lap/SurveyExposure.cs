namespace Nightshift.Activities.Kernels.Lap;

/// <summary>One raw exposure of the synthetic survey, with the header values a pipeline selects on and the generator's truth.</summary>
/// <param name="ExpId">Exposure id (time order).</param>
/// <param name="Name">Exposure name, also the file stem.</param>
/// <param name="RawPath">The raw FITS file, relative to the survey directory.</param>
/// <param name="Object">OBJECT header value.</param>
/// <param name="Comment">First COMMENT card.</param>
/// <param name="MjdObs">MJD-OBS.</param>
/// <param name="Filter">FILTER.</param>
/// <param name="RaDeg">Pointing centre right ascension.</param>
/// <param name="DecDeg">Pointing centre declination.</param>
/// <param name="ProjectionCell">Truth: the projection cell it was pointed at.</param>
/// <param name="Kind">Truth: pair, private or junk.</param>
/// <param name="IsBad">Truth: made with many dead columns.</param>
/// <param name="HasStreak">Truth: crossed by a satellite.</param>
/// <param name="PsfSigma">Truth: PSF Gaussian sigma in pixels.</param>
public sealed record SurveyExposure(
    int ExpId,
    string Name,
    string RawPath,
    string Object,
    string Comment,
    double MjdObs,
    string Filter,
    double RaDeg,
    double DecDeg,
    string ProjectionCell,
    SurveyExposureKind Kind,
    bool IsBad,
    bool HasStreak,
    double PsfSigma);

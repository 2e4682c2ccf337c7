namespace Nightshift.Activities.Jobs;

/// <summary>
/// <c>nightshift jobs delete</c>: removes ended jobs' records together with the outputs their specs declare
/// (<see cref="JobSpec.Outputs"/>) and their logs, so that the next execution of the step submits the job again
/// instead of being handed the recorded outcome. Resolve it from a host built with <c>AddJobs</c>.
/// </summary>
public sealed class JobCleanup
{
    private readonly JobLedger ledger;

    internal JobCleanup(JobLedger ledger) => this.ledger = ledger;

    /// <summary>Deletes each job in <paramref name="jobKeys"/>; with <paramref name="dryRun"/> only reports what it would do.</summary>
    public async Task<IReadOnlyList<JobDeletion>> DeleteAsync(IReadOnlyList<string> jobKeys, bool dryRun = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(jobKeys);
        var results = new List<JobDeletion>();
        var deletable = new List<string>();
        foreach (var key in jobKeys.Distinct(StringComparer.Ordinal))
        {
            var row = await ledger.GetAsync(key, cancellationToken).ConfigureAwait(false);
            if (row is null)
            {
                results.Add(new JobDeletion(key, JobDeletionResult.NotFound));
            }
            else if (!row.State.IsTerminal())
            {
                results.Add(new JobDeletion(key, JobDeletionResult.Active) { State = row.State });
            }
            else if (dryRun)
            {
                results.Add(new JobDeletion(key, JobDeletionResult.WouldDelete) { State = row.State, RemovedPaths = Existing(FilesOf(row)) });
            }
            else
            {
                deletable.Add(key);
            }
        }

        // The rows go first, in one transaction: a crash between that and the file removal leaves stray files,
        // which the next run overwrites, never a record that claims outputs which are gone.
        foreach (var row in await ledger.DeleteEndedAsync(deletable, cancellationToken).ConfigureAwait(false))
        {
            var removed = new List<string>();
            var problems = new List<string>();
            foreach (var path in FilesOf(row))
            {
                try
                {
                    if (Directory.Exists(path))
                    {
                        Directory.Delete(path, recursive: true);
                        removed.Add(path);
                    }
                    else if (File.Exists(path))
                    {
                        File.Delete(path);
                        removed.Add(path);
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    problems.Add($"{path}: {e.Message}");
                }
            }

            results.Add(new JobDeletion(row.JobKey, JobDeletionResult.Deleted) { State = row.State, RemovedPaths = removed, Problems = problems });
        }

        // A key whose row changed state between the check and the delete (a monitor restarting it) stays.
        foreach (var key in deletable.Where(k => results.All(r => r.JobKey != k)))
        {
            results.Add(new JobDeletion(key, JobDeletionResult.Active));
        }

        return results;
    }

    private static IReadOnlyList<string> Existing(IEnumerable<string> paths) => paths.Where(p => File.Exists(p) || Directory.Exists(p)).ToList();

    private static IEnumerable<string> FilesOf(JobRow row)
    {
        var directory = row.Spec.WorkingDirectory ?? Environment.CurrentDirectory;
        foreach (var output in row.Spec.Outputs)
        {
            yield return Path.GetFullPath(output, directory);
        }

        foreach (var log in new[] { row.StdoutPath, row.StderrPath, row.ExitCodePath })
        {
            if (log is not null)
            {
                yield return log;
            }
        }
    }
}

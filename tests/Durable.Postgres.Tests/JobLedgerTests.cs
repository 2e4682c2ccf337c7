using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Nightshift.Activities.Jobs;
using Nightshift.Activities.Tests.Jobs.Support;
using Nightshift.Durable.Tests.Support;

namespace Nightshift.Durable.Tests;

/// <summary>The job layer on a PostgreSQL store: its schema script, the monitor's ledger SQL, queries and deletion.</summary>
[TestClass]
public sealed class JobLedgerTests
{
    [TestMethod]
    public async Task Jobs_are_recorded_queried_handed_back_and_deleted_on_PostgreSQL()
    {
        using var store = new TestStore();
        using var dir = new TempDirectory();
        JobSpec Shell(string name, string script) => new()
        {
            Name = name,
            Command = "sh",
            Arguments = ["-c", $"echo {name} >> runs.log; echo {name} > {name}.out; {script}"],
            WorkingDirectory = dir.Path,
            Outputs = [name + ".out"],
            Backend = "local",
        };
        var input = new RunJobsInput([Shell("reduce", "true"), Shell("calibrate", "echo 'flat missing' >&2; exit 3"), Shell("extract", "kill -9 $$")]);

        using (var host = await StartAsync(store, dir.Path))
        {
            var first = await RunAsync(host, input, "pg-night-1");
            var queries = host.Services.GetRequiredService<JobQueries>();

            CollectionAssert.AreEqual(new[] { JobState.Completed, JobState.Failed, JobState.Failed }, first.Select(o => o.State).ToList());
            Assert.AreEqual(3, first[1].ExitCode);
            StringAssert.Contains(first[1].StderrTail, "flat missing");
            Assert.AreEqual(9, first[2].Signal);
            Assert.HasCount(2, await queries.ListAsync(new JobQuery { InstanceId = "pg-night-1", Limit = 2 }), "LIMIT applies");
            Assert.HasCount(2, await queries.ListAsync(new JobQuery { States = [JobState.Failed] }));
            var attrition = await queries.AttritionAsync("pg-night-1");
            Assert.AreEqual((3, 1, 2, 0), (attrition.Expected, attrition.Finished, attrition.Failed, attrition.Missing));

            // The same id run again is handed the recorded outcomes; nothing is submitted again.
            Assert.IsTrue(await host.Services.GetRequiredService<DurableClient>().PurgeAsync("pg-night-1"));
            var again = await RunAsync(host, input, "pg-night-1");
            CollectionAssert.AreEqual(first.Select(o => o.State).ToList(), again.Select(o => o.State).ToList());
            Assert.HasCount(3, File.ReadAllLines(Path.Combine(dir.Path, "runs.log")));

            // Deleting the failed one removes its row and output, so the next run submits it again.
            var deleted = await host.Services.GetRequiredService<JobCleanup>().DeleteAsync(["pg-night-1/calibrate/1"]);
            Assert.AreEqual(JobDeletionResult.Deleted, deleted.Single().Result);
            Assert.IsFalse(File.Exists(Path.Combine(dir.Path, "calibrate.out")));
            Assert.AreEqual(2L, await Sql.CountAsync(store.Path, "SELECT COUNT(*) FROM jobs"));
            Assert.IsTrue(await host.Services.GetRequiredService<DurableClient>().PurgeAsync("pg-night-1"));
            await RunAsync(host, input, "pg-night-1");
            await host.StopAsync();
        }

        var runs = File.ReadAllLines(Path.Combine(dir.Path, "runs.log"));
        Assert.HasCount(4, runs, "only the deleted job ran a second time");
        Assert.AreEqual(2, runs.Count(r => r == "calibrate"));
    }

    private static async Task<IHost> StartAsync(TestStore store, string directory)
    {
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        TestStore.Use(builder.Services.AddNightshift(), store.Path)
            .AddOrchestrator<RunJobs>(nameof(RunJobs))
            .AddJobs(o =>
            {
                o.Directory = Path.Combine(directory, "jobs");
                o.PollInterval = TimeSpan.FromMilliseconds(200);
                o.SubmitGrace = TimeSpan.FromMilliseconds(100);
            })
            .AddDurableTask(worker: o => o.MaxPollInterval = TimeSpan.FromMilliseconds(50));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    private static async Task<IReadOnlyList<JobOutcome>> RunAsync(IHost host, RunJobsInput input, string instanceId)
    {
        var client = host.Services.GetRequiredService<DurableClient>();
        await client.StartAsync(nameof(RunJobs), input, new StartOrchestrationOptions { InstanceId = instanceId });
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(90));
        var state = await client.WaitForCompletionAsync(instanceId, timeout.Token);
        Assert.AreEqual(OrchestrationStatus.Completed, state.Status, state.Failure?.Summary);
        return state.ReadOutputAs<List<JobOutcome>>()!;
    }
}

using DurableTask.Core;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;

namespace Nightshift.Durable.Hosting;

/// <summary>Creates DurableTask.Core activities from one SDK activity registration; each run gets its own DI scope.</summary>
internal sealed class SdkActivityCreator : ObjectCreator<TaskActivity>
{
    private readonly Func<IServiceProvider, ITaskActivity> factory;
    private readonly DurableTaskShimFactory shims;
    private readonly IServiceScopeFactory scopes;

    public SdkActivityCreator(
        TaskRegistration<Func<IServiceProvider, ITaskActivity>> registration, DurableTaskShimFactory shims, IServiceScopeFactory scopes)
    {
        Name = registration.Name;
        Version = registration.Version;
        factory = registration.Factory;
        this.shims = shims;
        this.scopes = scopes;
    }

    public override TaskActivity Create() => new ScopedActivity(this);

    /// <summary>
    /// Runs the SDK activity inside a DI scope. The scope has to live as long as the run, and DurableTask.Core creates
    /// the object before the run and never disposes it, so the scope is opened here, not in <see cref="Create"/>.
    /// </summary>
    private sealed class ScopedActivity(SdkActivityCreator creator) : TaskActivity
    {
        public override string Run(TaskContext context, string input)
            => throw new NotSupportedException("SDK activities run asynchronously.");

        public override async Task<string> RunAsync(TaskContext context, string input)
        {
            var scope = creator.scopes.CreateAsyncScope();
            await using (scope.ConfigureAwait(false))
            {
                var activity = creator.factory(scope.ServiceProvider);
                var shim = creator.shims.CreateActivity(creator.Name, activity);
                return await shim.RunAsync(context, input).ConfigureAwait(false);
            }
        }
    }
}

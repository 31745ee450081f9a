using Coravel;
using Coravel.Invocable;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Workflow;
using FoccoCrm.Web.Features.Workflow.Mail;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoccoCrm.Web.Features.Workflow;

/// <summary>Coravel job: runs the workflow schedules that are due (the work is in Core: <see cref="WorkflowEngine"/>).</summary>
public sealed class RunDueSchedulesJob(WorkflowEngine engine) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }
    public Task Invoke() => engine.RunDueSchedulesAsync(CancellationToken);
}

/// <summary>Coravel job: delivers the outbox (Core: <see cref="OutboxSender"/>).</summary>
public sealed class DrainOutboxJob(OutboxSender sender) : IInvocable, ICancellableInvocable
{
    public CancellationToken CancellationToken { get; set; }
    public Task Invoke() => sender.DrainAsync(CancellationToken);
}

public static class WorkflowWebExtensions
{
    /// <summary>The Razor e-mail templates and the two Coravel jobs.</summary>
    public static IServiceCollection AddWorkflowWeb(this IServiceCollection services)
    {
        services.Replace(ServiceDescriptor.Singleton<IDigestRenderer, RazorDigestRenderer>());
        services.AddScheduler();
        services.AddTransient<RunDueSchedulesJob>();
        services.AddTransient<DrainOutboxJob>();
        return services;
    }

    /// <summary>Due schedules every 30 s, the outbox every 15 s; neither overlaps itself.</summary>
    public static void UseWorkflowJobs(this IServiceProvider services)
    {
        var log = services.GetRequiredService<ILoggerFactory>().CreateLogger("FoccoCrm.Workflow");
        services.UseScheduler(s =>
        {
            s.Schedule<RunDueSchedulesJob>().EveryThirtySeconds().PreventOverlapping(nameof(RunDueSchedulesJob));
            s.Schedule<DrainOutboxJob>().EveryFifteenSeconds().PreventOverlapping(nameof(DrainOutboxJob));
        }).OnError(ex => log.LogError(ex, "Workflow job failed"));
    }
}

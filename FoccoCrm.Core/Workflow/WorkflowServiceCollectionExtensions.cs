using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Mail;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoccoCrm.Core.Workflow;

public static class WorkflowServiceCollectionExtensions
{
    /// <summary>Schedules, digests, the outbox and its sender. The Web app replaces <see cref="IDigestRenderer"/> with its Razor templates.</summary>
    public static IServiceCollection AddWorkflow(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<SmtpOptions>(configuration.GetSection(SmtpOptions.Section));
        services.Configure<WorkflowMailOptions>(configuration.GetSection(WorkflowMailOptions.Section));
        services.Configure<WorkflowMailOptions>(o => o.BaseUrl = configuration[WorkflowMailOptions.BaseUrlKey] is { Length: > 0 } url ? url : o.BaseUrl);
        services.TryAddSingleton<IDigestRenderer, PlainHtmlDigestRenderer>();
        services.AddSingleton<MailRouter>();
        services.AddSingleton<OutboxSender>();
        services.AddSingleton<WorkflowEngine>();
        services.AddSingleton<AssignmentMail>();
        services.AddSingleton<WorkflowService>();
        services.AddScoped<IDemoSeeder, WorkflowDemoSeeder>();
        return services;
    }
}

using FoccoCrm.Core.Workflow;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace FoccoCrm.Web.Features.Workflow.Mail;

/// <summary>
/// The HTML parts of the workflow e-mails, rendered from Razor components (<see cref="DigestMail"/>,
/// <see cref="AssignmentMailTemplate"/>) with Blazor's <see cref="HtmlRenderer"/>, in the recipient's culture.
/// </summary>
public sealed class RazorDigestRenderer : IDigestRenderer, IAsyncDisposable
{
    // HtmlRenderer needs scoped Components services: the singleton keeps one scope of its own for its lifetime.
    private readonly AsyncServiceScope scope;
    private readonly HtmlRenderer renderer;

    public RazorDigestRenderer(IServiceScopeFactory scopes, ILoggerFactory loggerFactory)
    {
        scope = scopes.CreateAsyncScope();
        renderer = new HtmlRenderer(scope.ServiceProvider, loggerFactory);
    }

    public Task<string> RenderDigestHtmlAsync(DigestModel model, CancellationToken ct = default) =>
        RenderAsync<DigestMail>(model.Culture, new Dictionary<string, object?> { [nameof(DigestMail.Model)] = model });

    public Task<string> RenderAssignmentHtmlAsync(AssignmentMailModel model, CancellationToken ct = default) =>
        RenderAsync<AssignmentMailTemplate>(model.Culture, new Dictionary<string, object?> { [nameof(AssignmentMailTemplate.Model)] = model });

    private Task<string> RenderAsync<T>(string culture, Dictionary<string, object?> parameters) where T : IComponent =>
        renderer.Dispatcher.InvokeAsync(async () =>
        {
            // culture changes inside this async lambda stay in it
            var c = WorkflowMessages.CultureOf(culture);
            System.Globalization.CultureInfo.CurrentCulture = c;
            System.Globalization.CultureInfo.CurrentUICulture = c;
            var output = await renderer.RenderComponentAsync<T>(ParameterView.FromDictionary(parameters));
            return "<!DOCTYPE html>\n" + output.ToHtmlString();
        });

    public async ValueTask DisposeAsync()
    {
        await renderer.DisposeAsync();
        await scope.DisposeAsync();
    }
}

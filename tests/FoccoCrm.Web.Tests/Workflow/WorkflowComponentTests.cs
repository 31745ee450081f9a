using Bunit;
using FluentValidation;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Tests.Tickets;
using FoccoCrm.Core.Workflow;
using FoccoCrm.Web.Features.Workflow;
using FoccoCrm.Web.Features.Workflow.Mail;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoccoCrm.Web.Tests.Workflow;

public class WorkflowComponentTests : ComponentTestBase
{
    private TicketTestData d = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<WorkflowService>());
        Services.AddSingleton(Db.Get<IValidator<WorkflowScheduleInput>>());
        d = await new TicketTestData(Db).SetUpAsync();
    }

    private static void Click(IRenderedComponent<IComponent> cut, string text) =>
        cut.FindAll("button").First(b => b.TextContent.Trim().Equals(text, StringComparison.OrdinalIgnoreCase)).Click();

    private static DigestModel Model(string culture, string situation) => new(culture, "Ana", "Empresa 01", "Assunto", "Olá, Ana.", "Intro",
        "Novos para você", "Alterados", "Abrir", "Rodapé", "http://localhost:5000/tickets",
        [new DigestTicket(7, 12, "Alfa Metais", situation, "Aberto", "Alta", "http://localhost:5000/tickets/7", true,
            [new DigestChange("27/11/2026 10:00", "gestor", "Abertura", null, null)])],
        [new DigestTicket(8, 13, "Beta", "Outro", "Em execução", "Normal", "http://localhost:5000/tickets/8", false,
            [new DigestChange("27/11/2026 10:05", "gestor", "Prioridade", "Normal", "Alta")])]);

    [Fact]
    public async Task Digest_template_renders_both_sections_with_links_changes_and_encoded_text()
    {
        await using var renderer = new RazorDigestRenderer(Services.GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);
        var raw = await renderer.RenderDigestHtmlAsync(Model("pt-BR", "<script>alert(1)</script>"));
        var html = System.Net.WebUtility.HtmlDecode(raw); // the renderer writes non-ASCII as character references

        Assert.StartsWith("<!DOCTYPE html>", html);
        Assert.Contains("lang=\"pt-BR\"", html);
        Assert.Contains("Novos para você (1)", html);
        Assert.Contains("Alterados (1)", html);
        Assert.Contains("href=\"http://localhost:5000/tickets/7\"", html);
        Assert.Contains("Prioridade: Normal → Alta", html);
        Assert.DoesNotContain("<script>", raw);
        Assert.Contains("&lt;script&gt;", raw);
    }

    [Fact]
    public async Task Digest_template_leaves_out_an_empty_section()
    {
        await using var renderer = new RazorDigestRenderer(Services.GetRequiredService<IServiceScopeFactory>(), NullLoggerFactory.Instance);
        var html = System.Net.WebUtility.HtmlDecode(await renderer.RenderDigestHtmlAsync(Model("en-US", "x") with { Changed = [] }));
        Assert.Contains("Novos para você (1)", html);
        Assert.DoesNotContain("Alterados", html);
    }

    [Fact]
    public async Task Workflow_page_lists_schedules_and_send_now_logs_a_run_with_captured_mail()
    {
        var admin = d.Admin with { CurrentCompanyId = d.Company };
        await Db.Get<WorkflowService>().CreateScheduleAsync(admin, d.Company,
            new WorkflowScheduleInput { Description = "Resumo da manhã", Kind = ScheduleKind.Weekdays, Hour = 8, Minute = 30 });
        await d.OpenAsync(d.Admin, d.Ana.Id);

        var cut = RenderAs<WorkflowPage>(admin);
        cut.WaitForAssertion(() => Assert.Contains("Resumo da manhã", cut.Markup));
        Assert.Contains("às 08:30", cut.Markup);
        Assert.Contains("Nenhuma execução ainda.", cut.Markup);

        Click(cut, "Enviar agora");
        cut.WaitForAssertion(() => Assert.Contains("Enviar agora (adm01)", cut.Markup));
        var mail = Assert.Single(await Db.Get<WorkflowService>().OutboxAsync(admin, d.Company));
        Assert.Equal(OutboxStatus.Captured, mail.Status);
    }

    [Fact]
    public async Task Mail_viewer_shows_the_chosen_messages_text_part()
    {
        var admin = d.Admin with { CurrentCompanyId = d.Company };
        var ticket = await d.OpenAsync(d.Admin, d.Ana.Id);
        await Db.Get<WorkflowService>().SendNowAsync(admin, d.Company);
        var row = Assert.Single(await Db.Get<WorkflowService>().OutboxAsync(admin, d.Company));

        var cut = RenderAs<MailViewerPage>(admin);
        cut.WaitForAssertion(() => Assert.Contains(row.Subject, cut.Markup));
        Assert.Contains("Escolha um e-mail da lista", cut.Markup);
        Assert.Contains("Capturado", cut.Markup);

        cut.FindAll("a").First(a => a.TextContent.Trim() == row.Subject).Click();
        cut.WaitForAssertion(() => Assert.Contains("&lt;" + row.MessageId + "&gt;", cut.Markup));
        Assert.Contains("#" + ticket.Number, cut.Markup);
        Assert.Contains("sandbox", cut.Markup);
    }
}

using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Tests.Tickets;
using FoccoCrm.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Workflow;

/// <summary>
/// A migrated database with ticket data (<see cref="TicketTestData"/>) whose system mail server (<c>Mail:Smtp</c>) is a
/// <see cref="LoopbackSmtp"/> listening in this process; <see cref="WithSystemSmtp"/> false = no server configured.
/// </summary>
public abstract class WorkflowTestBase : IAsyncLifetime
{
#pragma warning disable IDE1006
    protected TestDb t { get; private set; } = default!;
#pragma warning restore IDE1006
    protected LoopbackSmtp Smtp { get; private set; } = default!;
    protected TicketTestData D { get; private set; } = default!;
    protected virtual bool WithSystemSmtp => true;

    protected WorkflowEngine Engine => t.Get<WorkflowEngine>();
    protected OutboxSender Sender => t.Get<OutboxSender>();
    protected WorkflowService Service => t.Get<WorkflowService>();

    public async Task InitializeAsync()
    {
        Smtp = await LoopbackSmtp.StartAsync();
        t = new TestDb(services => services.Configure<SmtpOptions>(o =>
        {
            o.Host = WithSystemSmtp ? "127.0.0.1" : null;
            o.Port = Smtp.Port;
            o.Tls = SmtpTls.None;
            o.TimeoutSeconds = 5;
            o.From = "FoccoCRM <workflow@empresa.test>";
        }), onFile: true);
        await t.InitializeAsync();
        D = await new TicketTestData(t).SetUpAsync();
    }

    public async Task DisposeAsync()
    {
        D.Dispose();
        await t.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    protected async Task<List<OutboxMessage>> OutboxAsync()
    {
        await using var db = await t.DbAsync();
        return await db.OutboxMessages.AsNoTracking().OrderBy(m => m.Id).ToListAsync();
    }

    protected async Task SetCultureAsync(CurrentUser user, string culture)
    {
        await using var db = await t.DbAsync();
        await db.Users.Where(u => u.Id == user.Id).ExecuteUpdateAsync(s => s.SetProperty(u => u.Culture, culture));
    }

    /// <summary>Company answers saved together (04 = N needs 05 and 06 in the same save).</summary>
    protected async Task SetCompanyParametersAsync(Dictionary<string, string?> answers)
    {
        var parameters = t.Get<ParameterService>();
        var sheet = await parameters.GetSheetAsync(D.Admin, D.Company);
        await parameters.SaveCompanyAnswersAsync(D.Admin, D.Company, answers, sheet.CompanyVersions);
    }

    /// <summary>Lets the time of the backoff pass.</summary>
    protected void Advance(TimeSpan by) => t.Clock.Advance(by);
}

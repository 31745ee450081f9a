using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Workflow;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace FoccoCrm.Core.Tests.Workflow;

public sealed class OutboxTests : WorkflowTestBase
{
    private async Task QueueDigestsAsync(int responsibles)
    {
        await D.OpenAsync(D.Admin, D.Ana.Id);
        if (responsibles > 1) await D.OpenAsync(D.Admin, D.Bia.Id);
        if (responsibles > 2) await D.OpenAsync(D.Admin, D.Manager.Id);
        Assert.Equal(responsibles, (await Engine.RunAsync(D.Company, null, null)).Queued);
    }

    private OutboxSender AnotherInstance(string id) => new(
        t.Get<IDbContextFactory<Core.Data.FoccoDbContext>>(), t.Get<MailRouter>(), t.Get<IOptions<WorkflowMailOptions>>(), t.Clock,
        NullLogger<OutboxSender>.Instance) { InstanceId = id };

    [Fact]
    public async Task A_server_answering_4xx_at_first_still_gets_every_message_exactly_once()
    {
        await QueueDigestsAsync(3);
        Smtp.TransientFailures = 4;

        var first = await Sender.DrainAsync();
        Assert.Equal(3, first.Retrying);
        Assert.All(await OutboxAsync(), m => Assert.Equal(OutboxStatus.Pending, m.Status));
        Assert.All(await OutboxAsync(), m => Assert.StartsWith("451", m.LastError));

        Assert.Equal(0, (await Sender.DrainAsync()).Total); // backoff: not due yet
        for (var i = 0; i < 5; i++)
        {
            Advance(TimeSpan.FromMinutes(5));
            await Sender.DrainAsync();
        }
        var received = Smtp.Snapshot();
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(m => m.MessageId).Distinct().Count());
        Assert.Equal(7, Smtp.Attempts);
        Assert.All(await OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task A_5xx_is_dead_lettered_with_the_reason_and_resent_by_an_administrator()
    {
        await QueueDigestsAsync(1);
        Smtp.RejectAll = true;

        var result = await Sender.DrainAsync();
        Assert.Equal(1, result.DeadLettered);
        var dead = Assert.Single(await Service.OutboxAsync(D.Admin, D.Company, OutboxStatus.Failed));
        Assert.StartsWith("550", dead.LastError);
        Advance(TimeSpan.FromHours(2));
        Assert.Equal(0, (await Sender.DrainAsync()).Total); // dead letters are not retried by themselves

        Smtp.RejectAll = false;
        await Assert.ThrowsAsync<Core.Common.ForbiddenException>(() => Service.RetryAsync(D.Manager, dead.Id));
        await Service.RetryAsync(D.Admin, dead.Id);
        var mail = Assert.Single(Smtp.Snapshot());
        Assert.Equal(dead.MessageId, mail.MessageId);
        Assert.Equal(OutboxStatus.Sent, (await OutboxAsync()).Single().Status);
        await Assert.ThrowsAsync<Core.Common.BusinessRuleException>(() => Service.RetryAsync(D.Admin, dead.Id));
    }

    [Fact]
    public async Task Connection_refused_is_transient_and_too_many_failures_dead_letter()
    {
        await SetCompanyParametersAsync(new() { ["04"] = "N", ["05"] = $"127.0.0.1:{LoopbackSmtp.FreePort()}", ["06"] = "Suporte <suporte@empresa.test>" });
        await QueueDigestsAsync(1);
        var max = t.Get<IOptions<WorkflowMailOptions>>().Value.MaxAttempts;
        for (var i = 1; i < max; i++)
        {
            Assert.Equal(1, (await Sender.DrainAsync()).Retrying);
            Advance(TimeSpan.FromHours(1));
        }
        Assert.Equal(1, (await Sender.DrainAsync()).DeadLettered);
        var row = Assert.Single(await OutboxAsync());
        Assert.Equal(OutboxStatus.Failed, row.Status);
        Assert.Equal(max, row.Attempts);
        Assert.Contains("ConnectionRefused", row.LastError);
    }

    [Fact]
    public async Task Messages_queued_before_a_restart_are_sent_by_the_new_instance_and_a_dead_instances_lease_expires()
    {
        await QueueDigestsAsync(2);
        // the old instance leased one message and died before sending it
        var dead = AnotherInstance("dead-instance");
        var leased = await dead.ClaimAsync(1, default);
        Assert.Single(leased);

        var restarted = AnotherInstance("restarted");
        Assert.Equal(1, (await restarted.DrainAsync()).Sent); // the pending one; the leased one waits for its lease
        Advance(TimeSpan.FromMinutes(3));
        Assert.Equal(1, (await restarted.DrainAsync()).Sent);

        Assert.Equal(2, Smtp.Snapshot().Count);
        Assert.All(await OutboxAsync(), m => Assert.Equal(OutboxStatus.Sent, m.Status));
    }

    [Fact]
    public async Task Two_instances_never_claim_the_same_message()
    {
        await QueueDigestsAsync(3);
        var a = AnotherInstance("a");
        var b = AnotherInstance("b");
        var claimedByA = await a.ClaimAsync(2, default);
        var claimedByB = await b.ClaimAsync(10, default);
        Assert.Equal(2, claimedByA.Count);
        Assert.Single(claimedByB);
        Assert.Empty(claimedByA.Select(m => m.Id).Intersect(claimedByB.Select(m => m.Id)));
        Assert.Empty(await AnotherInstance("c").ClaimAsync(10, default)); // all leased
        await a.DrainAsync();
        await b.DrainAsync();
        Assert.Equal(3, Smtp.Snapshot().Count);
    }

    [Fact]
    public async Task A_servers_messages_go_over_several_connections_at_once_each_exactly_once()
    {
        await QueueDigestsAsync(3);
        Smtp.AnswerDelayMs = 300; // each transaction is held long enough for the others to arrive

        var result = await Sender.DrainAsync();

        Assert.Equal(3, result.Sent);
        Assert.Equal(3, Smtp.MaxConcurrentTransactions); // ConnectionsPerServer = 4 → one connection per message here
        Assert.Equal(3, Smtp.Snapshot().Select(m => m.MessageId).Distinct().Count());
        Assert.All(await OutboxAsync(), m => Assert.Equal((OutboxStatus.Sent, 1), (m.Status, m.Attempts)));

        // one connection when configured so
        await QueueDigestsAsync(3);
        Smtp.AnswerDelayMs = 50;
        Smtp.ResetConcurrency();
        var serial = new OutboxSender(t.Get<IDbContextFactory<Core.Data.FoccoDbContext>>(), t.Get<MailRouter>(),
            Options.Create(new WorkflowMailOptions { ConnectionsPerServer = 1 }), t.Clock, NullLogger<OutboxSender>.Instance);
        Assert.Equal(3, (await serial.DrainAsync()).Sent);
        Assert.Equal(1, Smtp.MaxConcurrentTransactions);
        Assert.Equal(6, Smtp.Snapshot().Select(m => m.MessageId).Distinct().Count());
    }

    [Fact]
    public async Task Parameter_04_N_sends_through_the_server_and_sender_of_05_and_06_and_a_users_answer_wins()
    {
        await using var companyServer = await LoopbackSmtp.StartAsync();
        await using var userServer = await LoopbackSmtp.StartAsync();
        await SetCompanyParametersAsync(new() { ["04"] = "N", ["05"] = $"127.0.0.1:{companyServer.Port}", ["06"] = "Suporte Empresa <suporte@empresa.test>" });
        await t.Get<ParameterService>().SaveUserAnswersAsync(D.Bia, D.Company,
            new Dictionary<string, string?> { ["05"] = $"127.0.0.1:{userServer.Port}", ["06"] = "Bia <bia@pessoal.test>" });
        await QueueDigestsAsync(2);

        await Sender.DrainAsync();

        Assert.Empty(Smtp.Snapshot()); // not the system server
        var toAna = Assert.Single(companyServer.Snapshot());
        Assert.Equal("suporte@empresa.test", toAna.From.Mailboxes.Single().Address);
        Assert.Equal("Suporte Empresa", toAna.From.Mailboxes.Single().Name);
        var toBia = Assert.Single(userServer.Snapshot());
        Assert.Equal("bia@pessoal.test", toBia.From.Mailboxes.Single().Address);
    }

    [Fact]
    public async Task Parameter_04_S_uses_the_system_server()
    {
        var route = await t.Get<MailRouter>().RouteAsync(D.Company, D.Ana.Id);
        Assert.Equal("127.0.0.1", route.Host);
        Assert.Equal(Smtp.Port, route.Port);
        var routeN = t.Get<MailRouter>().Route("N", "smtp.empresa.test:587 TLS", "x@empresa.test");
        Assert.Equal(("smtp.empresa.test", 587, SmtpTls.StartTls, "x@empresa.test"), (routeN.Host, routeN.Port, routeN.Tls, routeN.FromAddress));
    }

    [Fact]
    public async Task Send_test_email_reports_the_servers_answer_or_the_failure()
    {
        var ok = await Service.SendTestAsync(D.Admin, D.Company, "admin@empresa.test");
        Assert.True(ok.Success, ok.Outcome);
        Assert.Contains("Ok", ok.Outcome, StringComparison.OrdinalIgnoreCase);
        Assert.Single(Smtp.Snapshot());

        Smtp.RejectAll = true;
        var rejected = await Service.SendTestAsync(D.Admin, D.Company, "admin@empresa.test");
        Assert.False(rejected.Success);
        Assert.Contains("550", rejected.Outcome);
        await Assert.ThrowsAsync<Core.Common.BusinessRuleException>(() => Service.SendTestAsync(D.Admin, D.Company, "not-an-address"));
        await Assert.ThrowsAsync<Core.Common.ForbiddenException>(() => Service.SendTestAsync(D.Ana, D.Company, "a@b.test"));
    }
}

/// <summary>No SMTP configured (the development default).</summary>
public sealed class CapturedOutboxTests : WorkflowTestBase
{
    protected override bool WithSystemSmtp => false;

    [Fact]
    public async Task Without_a_mail_server_messages_are_captured_and_readable_in_the_viewer()
    {
        await D.OpenAsync(D.Admin, D.Ana.Id);
        var run = await Service.SendNowAsync(D.Admin, D.Company);
        Assert.Equal(1, run.Queued);

        var row = Assert.Single(await Service.OutboxAsync(D.Admin, D.Company));
        Assert.Equal(OutboxStatus.Captured, row.Status);
        var view = await Service.MessageAsync(D.Admin, row.Id);
        Assert.Contains("Novos para você", view.TextBody);
        Assert.Contains("<", view.HtmlBody);
        Assert.Empty(Smtp.Snapshot());
        var test = await Service.SendTestAsync(D.Admin, D.Company, "a@b.test");
        Assert.True(test.Captured);
        await Assert.ThrowsAsync<Core.Common.ForbiddenException>(() => Service.OutboxAsync(D.Manager, D.Company));
        await Assert.ThrowsAsync<Core.Common.NotFoundException>(() => Service.MessageAsync(D.Manager with { Companies = [] }, row.Id));
    }
}

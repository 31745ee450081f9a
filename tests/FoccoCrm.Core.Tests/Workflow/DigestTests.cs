using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Core.Workflow;
using MimeKit;

namespace FoccoCrm.Core.Tests.Workflow;

public sealed class DigestTests : WorkflowTestBase
{
    [Fact]
    public async Task First_digest_lists_the_tickets_new_to_each_responsible_and_is_delivered_with_html_and_text()
    {
        var a = await D.OpenAsync(D.Admin, D.Ana.Id);
        var b = await D.OpenAsync(D.Admin, D.Bia.Id);

        var run = await Engine.RunAsync(D.Company, null, null);
        Assert.Null(run.Error);
        Assert.Equal(2, run.Queued);
        Assert.Equal(2, run.TicketsConsidered);

        var result = await Sender.DrainAsync();
        Assert.Equal(2, result.Sent);
        var received = Smtp.Snapshot();
        var toAna = Assert.Single(received, m => m.To.Mailboxes.Single().Address == "ana@x.test");
        Assert.Contains("#" + a.Number, toAna.TextBody);
        Assert.DoesNotContain("#" + b.Number, toAna.TextBody);
        Assert.Contains("Novos para você", toAna.TextBody);
        Assert.Contains($"/tickets/{a.Id}", toAna.HtmlBody);
        Assert.Equal("workflow@empresa.test", toAna.From.Mailboxes.Single().Address);
        var row = (await OutboxAsync()).Single(m => m.ToAddress == "ana@x.test");
        Assert.Equal(row.MessageId, toAna.MessageId);
        Assert.Equal(OutboxStatus.Sent, row.Status);
    }

    [Fact]
    public async Task Second_digest_separates_new_from_changed_says_what_changed_and_by_whom_and_skips_own_changes()
    {
        var changed = await D.OpenAsync(D.Admin, D.Ana.Id);
        var ownChange = await D.OpenAsync(D.Admin, D.Ana.Id);
        var untouched = await D.OpenAsync(D.Admin, D.Ana.Id);
        await Engine.RunAsync(D.Company, null, null);
        await Sender.DrainAsync();
        var before = Smtp.Snapshot().Count;

        t.Clock.Advance(TimeSpan.FromHours(1));
        await D.Service.UpdateAsync(D.Manager, changed.Id, D.Input(D.Ana.Id) with { Priority = TicketPriority.High }, changed.Version);
        await D.Service.UpdateAsync(D.Ana, ownChange.Id, D.Input(D.Ana.Id) with { Situation = "Eu mesma mudei" }, ownChange.Version);
        var assigned = await D.OpenAsync(D.Admin, D.Bia.Id);
        await D.Service.AssignAsync(D.Manager, assigned.Id, D.Ana.Id, assigned.Version);

        var run = await Engine.RunAsync(D.Company, null, null);
        Assert.Equal(1, run.Queued); // Ana only: Bia's ticket left her before any digest and she changed nothing
        await Sender.DrainAsync();
        var mail = Assert.Single(Smtp.Snapshot().Skip(before));
        var text = mail.TextBody!;
        var newAt = text.IndexOf("Novos para você", StringComparison.Ordinal);
        var changedAt = text.IndexOf("Alterados", StringComparison.Ordinal);
        Assert.True(newAt >= 0 && changedAt > newAt, text);
        Assert.InRange(text.IndexOf("#" + assigned.Number, StringComparison.Ordinal), newAt, changedAt);
        Assert.True(text.IndexOf("#" + changed.Number, StringComparison.Ordinal) > changedAt, text);
        Assert.Contains("gestor: Prioridade: Normal → Alta", text);
        Assert.Contains("27/11/2026 10:00", text); // 13:00 UTC in São Paulo (parameter 08 default)
        Assert.DoesNotContain("#" + ownChange.Number + " ", text);
        Assert.DoesNotContain("#" + untouched.Number + " ", text);
        Assert.Equal("Empresa 01: 1 chamado(s) novo(s) e 1 alterado(s)", mail.Subject);
    }

    [Fact]
    public async Task Nothing_new_means_no_mail_and_nothing_is_sent_twice_across_runs()
    {
        await D.OpenAsync(D.Admin, D.Ana.Id);
        var first = await Engine.RunAsync(D.Company, null, null);
        await Sender.DrainAsync();
        var second = await Engine.RunAsync(D.Company, null, null);
        await Sender.DrainAsync();

        Assert.Equal(1, first.Queued);
        Assert.Equal(0, second.Queued);
        Assert.Single(Smtp.Snapshot());
        Assert.Single(await OutboxAsync());
    }

    [Fact]
    public async Task Digest_is_written_in_the_responsibles_language()
    {
        await SetCultureAsync(D.Ana, "en-US");
        var a = await D.OpenAsync(D.Admin, D.Ana.Id);
        await Engine.RunAsync(D.Company, null, null);
        await Sender.DrainAsync();
        var mail = Assert.Single(Smtp.Snapshot());
        Assert.Contains("New to you", mail.TextBody);
        Assert.Contains("Hello, ana.", mail.TextBody);
        Assert.Equal("Empresa 01: 1 new and 0 changed ticket(s)", mail.Subject);
        Assert.Contains("#" + a.Number, mail.HtmlBody);
    }

    [Fact]
    public async Task A_run_that_lost_the_race_for_the_watermarks_queues_nothing()
    {
        await D.OpenAsync(D.Admin, D.Ana.Id);
        await using (var db = await t.DbAsync())
        {
            // a concurrent run composed from the same marks ...
            var composed = await Engine.ComposeAsync(db, D.Company, t.Clock.GetUtcNow().UtcDateTime, default);
            Assert.Single(composed.Digests);
            // ... while this one committed first
            Assert.Equal(1, (await Engine.RunAsync(D.Company, null, null)).Queued);
            await Assert.ThrowsAnyAsync<Microsoft.EntityFrameworkCore.DbUpdateException>(() => db.SaveChangesAsync());
        }
        Assert.Single(await OutboxAsync());
    }
}

using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Notifications;

namespace FoccoCrm.Core.Tests.Notifications;

public class NotificationServiceTests : DbTest
{
    private static NotificationDraft Draft(CurrentUser to, int? companyId, string title = "Encaminhada") =>
        new(to.Id, companyId, "occurrence.forwarded", title, "corpo", "/occurrences/1", null, "Ana");

    [Fact]
    public async Task Notify_StoresAndPublishesToTheRecipientOnly()
    {
        var company = await t.CompanyAsync("01");
        var ana = await t.UserAsync("ana@x.com", Roles.Agent, company);
        var bia = await t.UserAsync("bia@x.com", Roles.Agent, company);
        var feed = t.Get<IChangeFeed>();
        var anaChanges = new List<LiveChange>();
        var biaChanges = new List<LiveChange>();
        using var s1 = feed.Subscribe(LiveTopics.User(ana.Id), c => { anaChanges.Add(c); return Task.CompletedTask; });
        using var s2 = feed.Subscribe(LiveTopics.User(bia.Id), c => { biaChanges.Add(c); return Task.CompletedTask; });
        var service = t.Get<NotificationService>();

        var id = await service.NotifyAsync(Draft(bia, company));

        Assert.Empty(anaChanges);
        var change = Assert.Single(biaChanges);
        Assert.Equal(NotificationService.LiveKind, change.Kind);
        Assert.Equal(id, change.EntityId);
        Assert.Equal(1, await service.CountUnreadAsync(bia));
        Assert.Equal(0, await service.CountUnreadAsync(ana));
        var item = Assert.Single(await service.ListAsync(bia));
        Assert.Equal("Encaminhada", item.Title);
        Assert.False(item.IsRead);
    }

    [Fact]
    public async Task Staged_IsWrittenOnlyWhenTheCallerSaves()
    {
        var company = await t.CompanyAsync("01");
        var bia = await t.UserAsync("bia@x.com", Roles.Agent, company);
        var service = t.Get<NotificationService>();

        await using (var db = await t.DbAsync())
            service.Stage(db, Draft(bia, company)); // disposed without SaveChanges: the cause failed

        Assert.Equal(0, await service.CountUnreadAsync(bia));
    }

    [Fact]
    public async Task MarkRead_OfSomeoneElsesNotification_IsNotFound()
    {
        var company = await t.CompanyAsync("01");
        var ana = await t.UserAsync("ana@x.com", Roles.Agent, company);
        var bia = await t.UserAsync("bia@x.com", Roles.Agent, company);
        var service = t.Get<NotificationService>();
        var id = await service.NotifyAsync(Draft(bia, company));

        await Assert.ThrowsAsync<NotFoundException>(() => service.MarkReadAsync(ana, id));
        Assert.Equal(1, await service.CountUnreadAsync(bia));

        await service.MarkReadAsync(bia, id);
        Assert.Equal(0, await service.CountUnreadAsync(bia));
        Assert.True((await service.ListAsync(bia)).Single().IsRead);
    }

    [Fact]
    public async Task MarkAllRead_ClearsTheBadge_AndTellsOtherTabs()
    {
        var company = await t.CompanyAsync("01");
        var bia = await t.UserAsync("bia@x.com", Roles.Agent, company);
        var service = t.Get<NotificationService>();
        for (var i = 0; i < 3; i++) await service.NotifyAsync(Draft(bia, company, "n" + i));
        var kinds = new List<string>();
        using var s = t.Get<IChangeFeed>().Subscribe(LiveTopics.User(bia.Id), c => { kinds.Add(c.Kind); return Task.CompletedTask; });

        Assert.Equal(3, await service.MarkAllReadAsync(bia));

        Assert.Equal(0, await service.CountUnreadAsync(bia));
        Assert.Equal(["notification.read"], kinds);
    }

    [Fact]
    public async Task NotificationsOfACompanyTheUserLostAccessTo_AreHidden()
    {
        var c1 = await t.CompanyAsync("01");
        var c2 = await t.CompanyAsync("02");
        var bia = await t.UserAsync("bia@x.com", Roles.Agent, c1, c2);
        var service = t.Get<NotificationService>();
        await service.NotifyAsync(Draft(bia, c1, "um"));
        await service.NotifyAsync(Draft(bia, c2, "dois"));
        await service.NotifyAsync(Draft(bia, null, "geral"));

        var onlyC1 = bia with { Companies = bia.Companies.Where(c => c.Id == c1).ToList() };

        Assert.Equal(["geral", "um"], (await service.ListAsync(onlyC1)).Select(n => n.Title).Order().ToArray());
        Assert.Equal(2, await service.CountUnreadAsync(onlyC1));
    }

    [Fact]
    public async Task List_IsNewestFirst_AndPaged()
    {
        var company = await t.CompanyAsync("01");
        var bia = await t.UserAsync("bia@x.com", Roles.Agent, company);
        var service = t.Get<NotificationService>();
        for (var i = 0; i < 5; i++)
        {
            await service.NotifyAsync(Draft(bia, company, "n" + i));
            t.Clock.Advance(TimeSpan.FromMinutes(1));
        }

        Assert.Equal(["n4", "n3"], (await service.ListAsync(bia, 0, 2)).Select(n => n.Title));
        Assert.Equal(["n2", "n1"], (await service.ListAsync(bia, 2, 2)).Select(n => n.Title));
        Assert.Equal(5, await service.CountAsync(bia));
    }

    [Fact]
    public void MessagesIn_ComposesInTheRecipientsLanguage_AndRestoresTheCaller()
    {
        var before = System.Globalization.CultureInfo.CurrentUICulture;
        Assert.Equal("Notification not found.", Messages.In("en-US", () => Messages.NotificationNotFound));
        Assert.Equal("Notificação não encontrada.", Messages.In("pt-BR", () => Messages.NotificationNotFound));
        Assert.Equal(before, System.Globalization.CultureInfo.CurrentUICulture);
    }
}

using Bunit;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Notifications;
using FoccoCrm.Web.Components.Layout;

namespace FoccoCrm.Web.Tests.Layout;

public class NotificationBellTests : ComponentTestBase
{
    private static NotificationDraft Draft(CurrentUser to, int company, string title) =>
        new(to.Id, company, "occurrence.forwarded", title, "Cliente X", "/occurrences/7", null, "Ana Agente");

    [Fact]
    public async Task Bell_ShowsTheUnreadCount_AndUpdatesLiveWhenANotificationArrives()
    {
        var company = await Db.CompanyAsync("01");
        var bia = await Db.UserAsync("bia@x.com", Roles.Agent, company);
        var cut = RenderAs<NotificationBell>(bia, ("User", bia));
        cut.WaitForAssertion(() => Assert.Equal("Notificações", cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label")));

        await Db.Get<NotificationService>().NotifyAsync(Draft(bia, company, "Ocorrência 7 encaminhada a você"));

        cut.WaitForAssertion(() => Assert.Equal("Notificações: 1 não lidas", cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label")));
        Assert.Contains("Ocorrência 7 encaminhada a você", cut.Find("[data-testid=notification-announcement]").TextContent);
    }

    [Fact]
    public async Task OpeningTheBell_ListsNotifications_AndMarkAllReadClearsTheBadge()
    {
        var company = await Db.CompanyAsync("01");
        var bia = await Db.UserAsync("bia@x.com", Roles.Agent, company);
        await Db.Get<NotificationService>().NotifyAsync(Draft(bia, company, "Primeira"));
        await Db.Get<NotificationService>().NotifyAsync(Draft(bia, company, "Segunda"));
        var cut = RenderAs<NotificationBell>(bia, ("User", bia));
        cut.WaitForAssertion(() => Assert.Contains("2", cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label")));

        await cut.Find("[data-testid=notification-bell]").ClickAsync(new());
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll(".notification-item.unread").Count));
        await cut.FindAll("button").First(b => b.TextContent.Contains("Marcar todas como lidas")).ClickAsync(new());

        cut.WaitForAssertion(() => Assert.Equal("Notificações", cut.Find("[data-testid=notification-bell]").GetAttribute("aria-label")));
        Assert.Equal(0, await Db.Get<NotificationService>().CountUnreadAsync(bia));
    }

    [Fact]
    public async Task DisposingTheBell_EndsItsSubscription()
    {
        var company = await Db.CompanyAsync("01");
        var bia = await Db.UserAsync("bia@x.com", Roles.Agent, company);
        var feed = Db.Get<IChangeFeed>();
        var cut = RenderAs<NotificationBell>(bia, ("User", bia));
        cut.WaitForAssertion(() => Assert.Equal(1, feed.SubscriberCount(LiveTopics.User(bia.Id))));

        await DisposeComponentsAsync();

        Assert.Equal(0, feed.SubscriberCount(LiveTopics.User(bia.Id)));
    }
}

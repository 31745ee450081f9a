using FoccoCrm.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace FoccoCrm.Core.Tests.Live;

public class BoardPresenceTests
{
    private readonly InProcessChangeFeed feed = new(NullLogger<InProcessChangeFeed>.Instance);
    private readonly BoardPresence presence;

    public BoardPresenceTests() => presence = new BoardPresence(feed, new FakeTimeProvider());

    [Fact]
    public void JoinAndLeave_PublishPresenceOnThePresenceTopic_AndViewersListsWhoIsThere()
    {
        var changes = new List<LiveChange>();
        var data = new List<LiveChange>();
        using var d = feed.Subscribe("tickets:1", c => { data.Add(c); return Task.CompletedTask; });
        using var s = feed.Subscribe(LiveTopics.Presence("tickets:1"), c => { changes.Add(c); return Task.CompletedTask; });

        var ana = presence.Join("tickets:1", "u-ana", "Ana");
        var bia = presence.Join("tickets:1", "u-bia", "Bia");
        Assert.Equal(["Ana", "Bia"], presence.Viewers("tickets:1").Select(v => v.Name));
        Assert.Empty(presence.Viewers("tickets:2"));

        bia.Dispose();
        bia.Dispose(); // twice is harmless

        Assert.Equal(["Ana"], presence.Viewers("tickets:1").Select(v => v.Name));
        Assert.Equal(3, changes.Count);
        Assert.All(changes, c => Assert.Equal(BoardPresence.Kind, c.Kind));
        Assert.Equal(["u-ana", "u-bia", "u-bia"], changes.Select(c => c.ActorUserId));
        ana.Dispose();
        Assert.Empty(presence.Viewers("tickets:1"));
        Assert.Empty(data); // the data topic's subscribers (ticket changes) never hear presence
    }

    [Fact]
    public void AUserInTwoBoardTabs_CountsOnce_AndATicketOpenIsItsOwnEntry_UntilEachLeaves()
    {
        var tab1 = presence.Join("tickets:1", "u-ana", "Ana");
        var tab2 = presence.Join("tickets:1", "u-ana", "Ana");
        var ticket = presence.Join("tickets:1", "u-ana", "Ana", entityId: 42);

        Assert.Equal([null, 42L], presence.Viewers("tickets:1").Select(v => v.EntityId));
        Assert.Equal("u-ana", Assert.Single(presence.ViewersOf("tickets:1", 42)).UserId);

        tab1.Dispose();
        Assert.Equal(2, presence.Viewers("tickets:1").Count);
        tab2.Dispose();
        Assert.Equal(42, Assert.Single(presence.Viewers("tickets:1")).EntityId);
        ticket.Dispose();
        Assert.Empty(presence.Viewers("tickets:1"));
        Assert.Empty(presence.ViewersOf("tickets:1", 42));
    }
}

public class BoardPresencePublishingTests
{
    private readonly InProcessChangeFeed feed = new(NullLogger<InProcessChangeFeed>.Instance);

    [Fact]
    public void MoreTabsOfTheSameUserOnTheSameRecord_PublishOnlyTheFirstJoinAndTheLastLeave()
    {
        var presence = new BoardPresence(feed, new FakeTimeProvider());
        var published = 0;
        using var s = feed.Subscribe(LiveTopics.Presence("tickets:1"), _ => { published++; return Task.CompletedTask; });

        var tabs = Enumerable.Range(0, 50).Select(_ => presence.Join("tickets:1", "u-ana", "Ana")).ToList();
        Assert.Equal(1, published);
        var ticket = presence.Join("tickets:1", "u-ana", "Ana", entityId: 7); // a different record: others see it
        Assert.Equal(2, published);

        tabs.Skip(1).ToList().ForEach(t => t.Dispose());
        Assert.Equal(2, published); // Ana still has the board open: nothing changed for anyone
        tabs[0].Dispose();
        Assert.Equal(3, published);
        ticket.Dispose();
        Assert.Equal(4, published);
        Assert.Empty(presence.Viewers("tickets:1"));
    }
}

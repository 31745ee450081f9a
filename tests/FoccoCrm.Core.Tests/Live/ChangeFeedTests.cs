using FoccoCrm.Core.Live;
using Microsoft.Extensions.Logging.Abstractions;

namespace FoccoCrm.Core.Tests.Live;

public class ChangeFeedTests
{
    private readonly InProcessChangeFeed feed = new(NullLogger<InProcessChangeFeed>.Instance);

    private static LiveChange Change(string topic, long id = 1) => new(topic, "test", id, null, null, DateTime.UtcNow);

    [Fact]
    public async Task Publish_ReachesOnlySubscribersOfTheTopic()
    {
        var a = new List<long>();
        var b = new List<long>();
        using var s1 = feed.Subscribe("a", c => { a.Add(c.EntityId); return Task.CompletedTask; });
        using var s2 = feed.Subscribe("b", c => { b.Add(c.EntityId); return Task.CompletedTask; });

        await feed.PublishAsync(Change("a", 7));

        Assert.Equal([7L], a);
        Assert.Empty(b);
    }

    [Fact]
    public async Task DisposedSubscription_ReceivesNothing_AndIsRemoved()
    {
        var got = 0;
        var s = feed.Subscribe("t", _ => { got++; return Task.CompletedTask; });
        Assert.Equal(1, feed.SubscriberCount("t"));
        s.Dispose();
        s.Dispose(); // twice is harmless

        await feed.PublishAsync(Change("t"));

        Assert.Equal(0, got);
        Assert.Equal(0, feed.SubscriberCount("t"));
    }

    [Fact]
    public async Task FailingSubscriber_DoesNotStopTheOthers()
    {
        var got = 0;
        using var bad = feed.Subscribe("t", _ => throw new InvalidOperationException("boom"));
        using var badAsync = feed.Subscribe("t", async _ => { await Task.Yield(); throw new InvalidOperationException("boom"); });
        using var good = feed.Subscribe("t", _ => { got++; return Task.CompletedTask; });

        await feed.PublishAsync(Change("t"));

        Assert.Equal(1, got);
    }

    [Fact]
    public async Task SubscribingWhilePublishing_DoesNotDisturbTheDelivery()
    {
        var got = 0;
        var added = new List<IDisposable>();
        using var s = feed.Subscribe("t", _ =>
        {
            got++;
            added.Add(feed.Subscribe("t", _ => { got += 100; return Task.CompletedTask; }));
            return Task.CompletedTask;
        });

        await feed.PublishAsync(Change("t"));
        Assert.Equal(1, got); // the subscriber added during delivery starts with the next change
        Assert.Equal(2, feed.SubscriberCount("t"));
        added.ForEach(d => d.Dispose());
    }

    [Fact]
    public async Task ManyConcurrentSubscribersAndPublishers_AllDeliveriesCounted()
    {
        var count = 0;
        var subs = Enumerable.Range(0, 200).Select(_ => feed.Subscribe("t", _ => { Interlocked.Increment(ref count); return Task.CompletedTask; })).ToList();

        await Task.WhenAll(Enumerable.Range(0, 50).Select(i => Task.Run(() => feed.PublishAsync(Change("t", i)))));

        Assert.Equal(200 * 50, count);
        Parallel.ForEach(subs, s => s.Dispose());
        Assert.Equal(0, feed.SubscriberCount("t"));
    }
}

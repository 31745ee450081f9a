using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Live;

/// <summary>
/// Something that was committed and that open screens may want to show at once.
/// <see cref="Topic"/> says who listens (see <see cref="LiveTopics"/>); <see cref="Kind"/> what happened
/// ("ticket.moved", "notification"); <see cref="Data"/> carries small strings (never whole records:
/// subscribers re-read what they show, with their own permissions).
/// </summary>
public sealed record LiveChange(
    string Topic,
    string Kind,
    long EntityId,
    string? ActorUserId,
    string? ActorName,
    DateTime AtUtc,
    IReadOnlyDictionary<string, string>? Data = null);

/// <summary>The topics features publish on. One place, so publishers and subscribers agree.</summary>
public static class LiveTopics
{
    /// <summary>Everything addressed to one user (notifications).</summary>
    public static string User(string userId) => "user:" + userId;
    /// <summary>Tickets of one company (the live board).</summary>
    public static string Tickets(int companyId) => "tickets:" + companyId;
    /// <summary>Occurrences of one company.</summary>
    public static string Occurrences(int companyId) => "occurrences:" + companyId;
    /// <summary>Who joins and leaves a topic (<see cref="BoardPresence"/>), apart from the topic's data changes.</summary>
    public static string Presence(string topic) => "presence:" + topic;
}

/// <summary>
/// The change feed (ARCHITECTURE rule 6): services publish <b>after</b> their transaction commits;
/// components subscribe in OnInitialized, re-render through InvokeAsync and dispose the subscription.
/// The in-process implementation is a singleton; a backplane (Redis, PostgreSQL LISTEN/NOTIFY) can
/// implement the same interface to carry changes across servers.
/// </summary>
public interface IChangeFeed
{
    /// <summary>Calls <paramref name="handler"/> for every change published on <paramref name="topic"/> until disposed.</summary>
    IDisposable Subscribe(string topic, Func<LiveChange, Task> handler);

    /// <summary>Delivers a committed change to the topic's subscribers. Never throws because of a subscriber.</summary>
    Task PublishAsync(LiveChange change, CancellationToken ct = default);

    /// <summary>How many subscriptions the topic has on this server (diagnostics, tests).</summary>
    int SubscriberCount(string topic);
}

/// <summary>
/// In-process feed: copy-on-write subscriber arrays per topic, so publishing never takes a lock and a
/// subscription added or removed while publishing does not disturb the delivery in progress.
/// Handlers start synchronously one after the other (a Blazor handler only queues work on its circuit
/// with InvokeAsync); a failing or slow handler is logged and does not hold up the others.
/// </summary>
public sealed class InProcessChangeFeed(ILogger<InProcessChangeFeed> logger) : IChangeFeed
{
    private readonly ConcurrentDictionary<string, ImmutableArray<Subscription>> topics = new();

    public IDisposable Subscribe(string topic, Func<LiveChange, Task> handler)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentNullException.ThrowIfNull(handler);
        var subscription = new Subscription(this, topic, handler);
        topics.AddOrUpdate(topic, _ => [subscription], (_, list) => list.Add(subscription));
        return subscription;
    }

    public Task PublishAsync(LiveChange change, CancellationToken ct = default)
    {
        if (!topics.TryGetValue(change.Topic, out var subscribers) || subscribers.IsEmpty) return Task.CompletedTask;
        foreach (var subscription in subscribers)
        {
            Task task;
            try
            {
                task = subscription.Handler(change);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Live subscriber of {Topic} failed on {Kind}", change.Topic, change.Kind);
                continue;
            }
            if (!task.IsCompleted) _ = ObserveAsync(task, change);
            else if (task.IsFaulted) logger.LogWarning(task.Exception, "Live subscriber of {Topic} failed on {Kind}", change.Topic, change.Kind);
        }
        return Task.CompletedTask;
    }

    public int SubscriberCount(string topic) => topics.TryGetValue(topic, out var list) ? list.Length : 0;

    private async Task ObserveAsync(Task task, LiveChange change)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception ex) { logger.LogWarning(ex, "Live subscriber of {Topic} failed on {Kind}", change.Topic, change.Kind); }
    }

    private void Remove(Subscription subscription)
    {
        while (topics.TryGetValue(subscription.Topic, out var list))
        {
            var updated = list.Remove(subscription);
            if (updated.Length == list.Length) return;
            var done = updated.IsEmpty
                ? topics.TryRemove(new KeyValuePair<string, ImmutableArray<Subscription>>(subscription.Topic, list))
                : topics.TryUpdate(subscription.Topic, updated, list);
            if (done) return;
        }
    }

    private sealed class Subscription(InProcessChangeFeed feed, string topic, Func<LiveChange, Task> handler) : IDisposable
    {
        private int disposed;
        public string Topic { get; } = topic;
        public Func<LiveChange, Task> Handler { get; } = handler;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) feed.Remove(this);
        }
    }
}

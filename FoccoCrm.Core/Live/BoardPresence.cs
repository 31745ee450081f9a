using System.Collections.Concurrent;

namespace FoccoCrm.Core.Live;

/// <summary>Someone looking at a live screen (and, optionally, at one record of it: "who has this ticket open").</summary>
public sealed record PresenceViewer(string UserId, string Name, long? EntityId);

/// <summary>
/// Who is viewing a live topic on this server (the ticket board: avatars in its header; a ticket page: who has it open).
/// <see cref="Join"/> returns a handle to dispose when the viewer leaves (page disposed, connection lost); every join and
/// leave that changes what others see (a user's first tab in, last tab out) publishes a <see cref="Kind"/> change on the
/// topic's own presence topic (<see cref="LiveTopics.Presence"/>: boards that only want data changes do not receive it) so the
/// open boards re-read <see cref="Viewers"/>.
/// A user with two tabs open counts once (and leaves when the last tab does). Singleton; a cross-server backplane would
/// keep this table in the broker as well.
/// </summary>
public sealed class BoardPresence(IChangeFeed feed, TimeProvider clock)
{
    /// <summary>The <see cref="LiveChange.Kind"/> published when someone joins or leaves a topic.</summary>
    public const string Kind = "presence";

    private readonly ConcurrentDictionary<string, ConcurrentDictionary<Guid, PresenceViewer>> topics = new();

    /// <summary>Marks <paramref name="userId"/> as viewing <paramref name="topic"/> (on <paramref name="entityId"/>, if given) until the handle is disposed.</summary>
    public IDisposable Join(string topic, string userId, string name, long? entityId = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(topic);
        ArgumentException.ThrowIfNullOrEmpty(userId);
        var id = Guid.NewGuid();
        var viewers = topics.GetOrAdd(topic, _ => new());
        var viewer = new PresenceViewer(userId, name, entityId);
        bool first;
        lock (viewers)
        {
            first = !viewers.Values.Any(v => v.UserId == userId && v.EntityId == entityId);
            viewers[id] = viewer;
        }
        // Another tab of the same user on the same record changes nothing anybody sees: no publish, no re-render storm.
        if (first) Publish(topic, userId, name);
        return new Handle(this, topic, id, userId, name);
    }

    /// <summary>
    /// Who is on the topic, by name: one entry per user and record (EntityId null = the screen itself, e.g. the board), so a user
    /// with two tabs of the board counts once and one with the board and a ticket open has two entries.
    /// </summary>
    public IReadOnlyList<PresenceViewer> Viewers(string topic) =>
        !topics.TryGetValue(topic, out var viewers) ? []
        : viewers.Values.DistinctBy(v => (v.UserId, v.EntityId))
            .OrderBy(v => v.Name, StringComparer.CurrentCulture).ThenBy(v => v.EntityId)
            .ToList();

    /// <summary>Users who have <paramref name="entityId"/> open on the topic.</summary>
    public IReadOnlyList<PresenceViewer> ViewersOf(string topic, long entityId) =>
        !topics.TryGetValue(topic, out var viewers) ? []
        : viewers.Values.Where(v => v.EntityId == entityId).DistinctBy(v => v.UserId).ToList();

    private void Leave(string topic, Guid id, string userId, string name)
    {
        if (!topics.TryGetValue(topic, out var viewers)) return;
        bool last;
        lock (viewers)
        {
            if (!viewers.TryRemove(id, out var gone)) return;
            last = !viewers.Values.Any(v => v.UserId == gone.UserId && v.EntityId == gone.EntityId);
        }
        if (last) Publish(topic, userId, name);
    }

    private void Publish(string topic, string userId, string name) =>
        _ = feed.PublishAsync(new LiveChange(LiveTopics.Presence(topic), Kind, 0, userId, name, clock.GetUtcNow().UtcDateTime));

    private sealed class Handle(BoardPresence owner, string topic, Guid id, string userId, string name) : IDisposable
    {
        private int disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref disposed, 1) == 0) owner.Leave(topic, id, userId, name);
        }
    }
}

using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Notifications;

public sealed record NotificationItem(
    long Id, int? CompanyId, string Kind, string Title, string? Body, string? Link, string? ActorName, DateTime CreatedAtUtc, bool IsRead);

/// <summary>
/// The notification centre shared by every feature (occurrence forwards, ticket assignments, workflow).
/// A feature <see cref="Stage"/>s notifications on its own context, saves, and after the commit calls
/// <see cref="PublishAsync"/> so the recipients' bells update live. <see cref="NotifyAsync"/> does both
/// for a notification that is not part of a larger change.
/// </summary>
public sealed class NotificationService(IDbContextFactory<FoccoDbContext> factory, IChangeFeed feed, TimeProvider clock)
{
    public const string LiveKind = "notification";

    /// <summary>Adds the notification to <paramref name="db"/>; it is written when the caller saves.</summary>
    public Notification Stage(FoccoDbContext db, NotificationDraft draft)
    {
        var notification = new Notification(draft, clock.GetUtcNow().UtcDateTime);
        db.Notifications.Add(notification);
        return notification;
    }

    /// <summary>Tells the recipients' open screens that they have something new. Call after the commit.</summary>
    public async Task PublishAsync(IEnumerable<Notification> saved, CancellationToken ct = default)
    {
        foreach (var n in saved)
            await feed.PublishAsync(new LiveChange(LiveTopics.User(n.UserId), LiveKind, n.Id, n.ActorUserId, n.ActorName,
                n.CreatedAtUtc, new Dictionary<string, string> { ["title"] = n.Title }), ct);
    }

    /// <summary>Stores and publishes one notification on its own.</summary>
    public async Task<long> NotifyAsync(NotificationDraft draft, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = Stage(db, draft);
        await db.SaveChangesAsync(ct);
        await PublishAsync([n], ct);
        return n.Id;
    }

    public Task<int> CountUnreadAsync(CurrentUser user, CancellationToken ct = default) => CountAsync(user, unreadOnly: true, ct);

    /// <summary>The user's latest notifications, newest first.</summary>
    public async Task<IReadOnlyList<NotificationItem>> ListAsync(CurrentUser user, int skip = 0, int take = 10, bool unreadOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = Mine(db, user);
        if (unreadOnly) q = q.Where(n => n.ReadAtUtc == null);
        return await q.OrderByDescending(n => n.CreatedAtUtc).ThenByDescending(n => n.Id)
            .Skip(Math.Max(0, skip)).Take(Math.Clamp(take, 1, 200))
            .Select(n => new NotificationItem(n.Id, n.CompanyId, n.Kind, n.Title, n.Body, n.Link, n.ActorName, n.CreatedAtUtc, n.ReadAtUtc != null))
            .ToListAsync(ct);
    }

    public async Task<int> CountAsync(CurrentUser user, bool unreadOnly = false, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var q = Mine(db, user);
        return await (unreadOnly ? q.Where(n => n.ReadAtUtc == null) : q).CountAsync(ct);
    }

    /// <summary>Marks one of the user's notifications read (someone else's is "not found").</summary>
    public async Task MarkReadAsync(CurrentUser user, long id, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var n = await db.Notifications.FirstOrDefaultAsync(x => x.Id == id && x.UserId == user.Id, ct)
            ?? throw new NotFoundException(Messages.NotificationNotFound);
        n.MarkRead(clock.GetUtcNow().UtcDateTime);
        await db.SaveChangesAsync(ct);
        await PublishReadAsync(user, ct);
    }

    public async Task<int> MarkAllReadAsync(CurrentUser user, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var count = await db.Notifications.Where(n => n.UserId == user.Id && n.ReadAtUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadAtUtc, now), ct);
        await PublishReadAsync(user, ct);
        return count;
    }

    // Other tabs of the same user update their badge too.
    private Task PublishReadAsync(CurrentUser user, CancellationToken ct) =>
        feed.PublishAsync(new LiveChange(LiveTopics.User(user.Id), "notification.read", 0, user.Id, user.FullName, clock.GetUtcNow().UtcDateTime), ct);

    // Own notifications only, and only of companies the user can still access (or company-less ones).
    private static IQueryable<Notification> Mine(FoccoDbContext db, CurrentUser user)
    {
        var ids = user.CompanyIds;
        return db.Notifications.AsNoTracking().Where(n => n.UserId == user.Id && (n.CompanyId == null || ids.Contains(n.CompanyId.Value)));
    }
}

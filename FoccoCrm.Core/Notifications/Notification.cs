using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Notifications;

/// <summary>
/// An entry of a user's notification centre (the bell): "Ana forwarded occurrence 123 to you".
/// Written in the same transaction as what caused it; the text is composed in the recipient's language.
/// </summary>
public class Notification
{
    private Notification() { }

    public Notification(NotificationDraft draft, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.RecipientUserId);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Kind);
        ArgumentException.ThrowIfNullOrWhiteSpace(draft.Title);
        UserId = draft.RecipientUserId;
        CompanyId = draft.CompanyId;
        Kind = draft.Kind;
        Title = Truncate(draft.Title, 200);
        Body = draft.Body is null ? null : Truncate(draft.Body, 1000);
        Link = draft.Link;
        ActorUserId = draft.ActorUserId;
        ActorName = draft.ActorName;
        CreatedAtUtc = nowUtc;
    }

    public long Id { get; private set; }
    public string UserId { get; private set; } = "";
    public int? CompanyId { get; private set; }
    /// <summary>What happened, for icons and filters: "occurrence.forwarded", "ticket.assigned".</summary>
    public string Kind { get; private set; } = "";
    public string Title { get; private set; } = "";
    public string? Body { get; private set; }
    /// <summary>Local URL the notification opens ("/occurrences/12").</summary>
    public string? Link { get; private set; }
    public string? ActorUserId { get; private set; }
    public string? ActorName { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? ReadAtUtc { get; private set; }

    public void MarkRead(DateTime nowUtc) => ReadAtUtc ??= nowUtc;

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

/// <summary>What a feature asks to notify. Compose <see cref="Title"/>/<see cref="Body"/> in the recipient's culture
/// (<see cref="Common.Messages.In"/>).</summary>
public sealed record NotificationDraft(
    string RecipientUserId,
    int? CompanyId,
    string Kind,
    string Title,
    string? Body,
    string? Link,
    string? ActorUserId,
    string? ActorName);

internal sealed class NotificationConfiguration : IEntityTypeConfiguration<Notification>
{
    public void Configure(EntityTypeBuilder<Notification> b)
    {
        b.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.Kind).HasMaxLength(60).IsRequired();
        b.Property(x => x.Title).HasMaxLength(200).IsRequired();
        b.Property(x => x.Body).HasMaxLength(1000);
        b.Property(x => x.Link).HasMaxLength(300);
        b.Property(x => x.ActorUserId).HasMaxLength(450);
        b.Property(x => x.ActorName).HasMaxLength(120);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        // The bell reads "my latest" and "my unread count": both from this index.
        b.HasIndex(x => new { x.UserId, x.CreatedAtUtc });
        b.HasIndex(x => new { x.UserId, x.ReadAtUtc });
    }
}

using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Mail;

/// <summary>Where an outbox message is. The numbers are stored: keep them.</summary>
public enum OutboxStatus
{
    /// <summary>Waiting for its next attempt (<see cref="OutboxMessage.NextAttemptUtc"/>).</summary>
    Pending = 0,
    /// <summary>Leased by a sender until <see cref="OutboxMessage.LeaseUntilUtc"/>; an expired lease is taken over.</summary>
    Sending = 1,
    Sent = 2,
    /// <summary>Dead letter: a permanent (5xx) failure or too many transient ones. An administrator may retry it.</summary>
    Failed = 3,
    /// <summary>No mail server configured: kept here and readable in the mail viewer (development default).</summary>
    Captured = 4,
}

/// <summary>
/// An e-mail written in the same transaction as what caused it and delivered later by <see cref="OutboxSender"/>.
/// <see cref="MessageId"/> is fixed when queued, so a re-send after a crash carries the same Message-ID.
/// </summary>
public class OutboxMessage : ICompanyOwned
{
    private OutboxMessage() { }

    public long Id { get; private set; }
    public int CompanyId { get; private set; }
    /// <summary>The user whose parameters 04–06 choose the mail server (the recipient); null = the company's.</summary>
    public string? UserId { get; private set; }
    public long? RunId { get; private set; }
    /// <summary>"digest", "assignment", ...</summary>
    public string Kind { get; private set; } = "";
    /// <summary>RFC 5322 Message-ID without angle brackets: "{guid}@foccocrm".</summary>
    public string MessageId { get; private set; } = "";
    public string ToAddress { get; private set; } = "";
    public string ToName { get; private set; } = "";
    public string Subject { get; private set; } = "";
    public string HtmlBody { get; private set; } = "";
    public string TextBody { get; private set; } = "";
    public OutboxStatus Status { get; private set; }
    public int Attempts { get; private set; }
    public DateTime NextAttemptUtc { get; private set; }
    public string? LastError { get; private set; }
    public string? LeaseOwner { get; private set; }
    public DateTime? LeaseUntilUtc { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? SentAtUtc { get; private set; }

    public static OutboxMessage Queue(int companyId, string? userId, long? runId, string kind, string toAddress, string toName,
        string subject, string html, string text, DateTime nowUtc)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(toAddress);
        return new()
        {
            CompanyId = companyId, UserId = userId, RunId = runId, Kind = kind, MessageId = $"{Guid.NewGuid():N}@foccocrm",
            ToAddress = toAddress.Trim(), ToName = toName, Subject = Cut(subject, 300), HtmlBody = html, TextBody = text,
            Status = OutboxStatus.Pending, NextAttemptUtc = nowUtc, CreatedAtUtc = nowUtc,
        };
    }

    private static string Cut(string s, int max) => s.Length <= max ? s : s[..(max - 1)] + "…";
}

public sealed record OutboxRow(long Id, int CompanyId, string Kind, string ToAddress, string ToName, string Subject, OutboxStatus Status,
    int Attempts, DateTime CreatedAtUtc, DateTime? SentAtUtc, DateTime NextAttemptUtc, string? LastError, string MessageId);

public sealed record OutboxMessageView(OutboxRow Row, string HtmlBody, string TextBody);

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> b)
    {
        b.ToTable("OutboxMessages");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.Kind).HasMaxLength(40).IsRequired();
        b.Property(x => x.MessageId).HasMaxLength(100).IsRequired();
        b.Property(x => x.ToAddress).HasMaxLength(256).IsRequired();
        b.Property(x => x.ToName).HasMaxLength(120).IsRequired();
        b.Property(x => x.Subject).HasMaxLength(300).IsRequired();
        b.Property(x => x.LastError).HasMaxLength(1000);
        b.Property(x => x.LeaseOwner).HasMaxLength(100);
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Workflow.WorkflowRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.MessageId).IsUnique();
        // the sender's claim: due pending rows and expired leases
        b.HasIndex(x => new { x.Status, x.NextAttemptUtc });
        b.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc });
        b.HasIndex(x => x.RunId);
    }
}

using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Workflow;

/// <summary>One execution of a schedule (or of "send now"): what it considered and queued, and its error if it failed.
/// How many of its e-mails were sent or failed is read live from the outbox (<see cref="Mail.OutboxMessage.RunId"/>).</summary>
public class WorkflowRun : ICompanyOwned
{
    private WorkflowRun() { }

    public long Id { get; private set; }
    public int CompanyId { get; private set; }
    public int? ScheduleId { get; private set; }
    /// <summary>"send now" pressed by this user (null = the scheduler).</summary>
    public string? TriggeredByName { get; private set; }
    public DateTime StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }
    public int TicketsConsidered { get; private set; }
    public int Responsibles { get; private set; }
    public int Queued { get; private set; }
    public string? Error { get; private set; }

    public static WorkflowRun Start(int companyId, int? scheduleId, string? triggeredBy, DateTime nowUtc) =>
        new() { CompanyId = companyId, ScheduleId = scheduleId, TriggeredByName = triggeredBy, StartedAtUtc = nowUtc };

    public void Finish(DateTime nowUtc, int tickets, int responsibles, int queued)
    {
        FinishedAtUtc = nowUtc;
        TicketsConsidered = tickets;
        Responsibles = responsibles;
        Queued = queued;
    }

    public void Fail(DateTime nowUtc, string error)
    {
        FinishedAtUtc = nowUtc;
        Error = error.Length <= 1000 ? error : error[..999] + "…";
    }
}

/// <summary>
/// Per responsible and company: the last ticket-history line covered by a digest that was queued (queued = will be
/// delivered: the outbox row is written in the same transaction that moves this mark).
/// </summary>
public class DigestWatermark
{
    private DigestWatermark() { }

    public int CompanyId { get; private set; }
    public string UserId { get; private set; } = "";
    public long LastHistoryId { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }

    public static DigestWatermark Create(int companyId, string userId, long lastHistoryId, DateTime nowUtc) =>
        new() { CompanyId = companyId, UserId = userId, LastHistoryId = lastHistoryId, UpdatedAtUtc = nowUtc };

    public void MoveTo(long lastHistoryId, DateTime nowUtc)
    {
        if (lastHistoryId <= LastHistoryId) return;
        LastHistoryId = lastHistoryId;
        UpdatedAtUtc = nowUtc;
    }
}

public sealed record WorkflowRunRow(
    long Id, int? ScheduleId, string? ScheduleDescription, string? TriggeredByName, DateTime StartedAtUtc, DateTime? FinishedAtUtc,
    int TicketsConsidered, int Responsibles, int Queued, int Sent, int Failed, int Captured, string? Error);

internal sealed class WorkflowRunConfiguration : IEntityTypeConfiguration<WorkflowRun>
{
    public void Configure(EntityTypeBuilder<WorkflowRun> b)
    {
        b.ToTable("WorkflowRuns");
        b.Property(x => x.TriggeredByName).HasMaxLength(120);
        b.Property(x => x.Error).HasMaxLength(1000);
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<WorkflowSchedule>().WithMany().HasForeignKey(x => x.ScheduleId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.CompanyId, x.StartedAtUtc });
    }
}

internal sealed class DigestWatermarkConfiguration : IEntityTypeConfiguration<DigestWatermark>
{
    public void Configure(EntityTypeBuilder<DigestWatermark> b)
    {
        b.ToTable("DigestWatermarks");
        b.HasKey(x => new { x.CompanyId, x.UserId });
        b.Property(x => x.UserId).HasMaxLength(450);
        // two runs that read the same mark: the second one's SaveChanges fails and queues nothing
        b.Property(x => x.LastHistoryId).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Parameters;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Workflow;

/// <summary>
/// FCRM0201 for administrators, per company: schedules, "send now", the run log, the outbox (mail viewer, dead letters and
/// their retry) and "send test e-mail". Every method takes the acting user: administrators with access to the company only.
/// </summary>
public sealed class WorkflowService(
    IDbContextFactory<FoccoDbContext> dbFactory,
    IValidator<WorkflowScheduleInput> validator,
    WorkflowEngine engine,
    OutboxSender sender,
    MailRouter router,
    TimeProvider clock)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<IReadOnlyList<WorkflowScheduleRow>> SchedulesAsync(CurrentUser user, int companyId, CancellationToken ct = default)
    {
        Ensure(user, companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WorkflowSchedules.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Description).ThenBy(s => s.Id)
            .Select(s => new WorkflowScheduleRow(s.Id, s.Description, s.Kind, s.IntervalMinutes, s.AtMinuteOfDay, s.WeekdayMask, s.IsActive,
                s.NextRunUtc, s.LastRunUtc, s.Version))
            .ToListAsync(ct);
    }

    public async Task<WorkflowScheduleRow> ScheduleAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var s = await db.WorkflowSchedules.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !user.CanAccess(s.CompanyId)) throw new NotFoundException(WorkflowMessages.ScheduleNotFound);
        Ensure(user, s.CompanyId);
        return new WorkflowScheduleRow(s.Id, s.Description, s.Kind, s.IntervalMinutes, s.AtMinuteOfDay, s.WeekdayMask, s.IsActive, s.NextRunUtc, s.LastRunUtc, s.Version);
    }

    public async Task<int> CreateScheduleAsync(CurrentUser user, int companyId, WorkflowScheduleInput input, CancellationToken ct = default)
    {
        Ensure(user, companyId);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = WorkflowSchedule.Create(companyId, input, await ZoneAsync(db, companyId, ct), Now);
        db.WorkflowSchedules.Add(schedule);
        await db.SaveChangesAsync(ct);
        return schedule.Id;
    }

    /// <summary>Saves the edit if nobody changed the schedule since <paramref name="seenVersion"/>; the next run is recomputed.</summary>
    public async Task<Guid> UpdateScheduleAsync(CurrentUser user, int id, WorkflowScheduleInput input, Guid seenVersion, CancellationToken ct = default)
    {
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await LoadAsync(db, user, id, ct);
        db.ExpectVersion(schedule, seenVersion);
        schedule.Apply(input, await ZoneAsync(db, schedule.CompanyId, ct), Now);
        await db.SaveOrConflictAsync(async () => await ScheduleAsync(user, id, ct), ct);
        return schedule.Version;
    }

    public async Task DeleteScheduleAsync(CurrentUser user, int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var schedule = await LoadAsync(db, user, id, ct);
        db.WorkflowSchedules.Remove(schedule);
        await db.SaveChangesAsync(ct);
    }

    /// <summary>"Send now": composes and queues the company's digests at once, then delivers what is due.</summary>
    public async Task<WorkflowRunResult> SendNowAsync(CurrentUser user, int companyId, int? scheduleId = null, CancellationToken ct = default)
    {
        Ensure(user, companyId);
        if (scheduleId is int sid)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            if (!await db.WorkflowSchedules.AnyAsync(s => s.Id == sid && s.CompanyId == companyId, ct)) throw new NotFoundException(WorkflowMessages.ScheduleNotFound);
        }
        var result = await engine.RunAsync(companyId, scheduleId, user.FullName, ct);
        if (result.Queued > 0) await sender.DrainAsync(ct);
        return result;
    }

    /// <summary>The run log, newest first, with the live sent/failed/captured counts of each run's e-mails.</summary>
    public async Task<IReadOnlyList<WorkflowRunRow>> RunsAsync(CurrentUser user, int companyId, int take = 50, CancellationToken ct = default)
    {
        Ensure(user, companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.WorkflowRuns.AsNoTracking().Where(r => r.CompanyId == companyId)
            .OrderByDescending(r => r.StartedAtUtc).ThenByDescending(r => r.Id).Take(Math.Clamp(take, 1, 500))
            .Select(r => new WorkflowRunRow(r.Id, r.ScheduleId, db.WorkflowSchedules.Where(s => s.Id == r.ScheduleId).Select(s => s.Description).FirstOrDefault(),
                r.TriggeredByName, r.StartedAtUtc, r.FinishedAtUtc, r.TicketsConsidered, r.Responsibles, r.Queued,
                db.OutboxMessages.Count(m => m.RunId == r.Id && m.Status == OutboxStatus.Sent),
                db.OutboxMessages.Count(m => m.RunId == r.Id && m.Status == OutboxStatus.Failed),
                db.OutboxMessages.Count(m => m.RunId == r.Id && m.Status == OutboxStatus.Captured),
                r.Error))
            .ToListAsync(ct);
    }

    /// <summary>The company's outbox (newest first), optionally of one status (e.g. the dead letters).</summary>
    public async Task<IReadOnlyList<OutboxRow>> OutboxAsync(CurrentUser user, int companyId, OutboxStatus? status = null, int take = 200, CancellationToken ct = default)
    {
        Ensure(user, companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.OutboxMessages.AsNoTracking().Where(m => m.CompanyId == companyId);
        if (status is { } s) q = q.Where(m => m.Status == s);
        return await q.OrderByDescending(m => m.CreatedAtUtc).ThenByDescending(m => m.Id).Take(Math.Clamp(take, 1, 5000))
            .Select(Row).ToListAsync(ct);
    }

    public async Task<OutboxMessageView> MessageAsync(CurrentUser user, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var m = await db.OutboxMessages.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.CompanyId, x.HtmlBody, x.TextBody }).FirstOrDefaultAsync(ct);
        if (m is null || !user.CanAccess(m.CompanyId)) throw new NotFoundException(WorkflowMessages.OutboxMessageNotFound);
        Ensure(user, m.CompanyId);
        var row = await db.OutboxMessages.AsNoTracking().Where(x => x.Id == id).Select(Row).FirstAsync(ct);
        return new OutboxMessageView(row, m.HtmlBody, m.TextBody);
    }

    /// <summary>"Resend" a dead letter: back to pending with a fresh attempt count (same Message-ID), then delivers what is due.</summary>
    public async Task RetryAsync(CurrentUser user, long id, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var m = await db.OutboxMessages.AsNoTracking().Where(x => x.Id == id).Select(x => new { x.CompanyId, x.Status }).FirstOrDefaultAsync(ct);
            if (m is null || !user.CanAccess(m.CompanyId)) throw new NotFoundException(WorkflowMessages.OutboxMessageNotFound);
            Ensure(user, m.CompanyId);
            var now = Now;
            var changed = await db.OutboxMessages.Where(x => x.Id == id && x.Status == OutboxStatus.Failed)
                .ExecuteUpdateAsync(s => s.SetProperty(x => x.Status, OutboxStatus.Pending).SetProperty(x => x.Attempts, 0)
                    .SetProperty(x => x.NextAttemptUtc, now), ct);
            if (changed == 0) throw new BusinessRuleException(WorkflowMessages.OutboxRetryOnlyFailed);
        }
        await sender.DrainAsync(ct);
    }

    /// <summary>Sends a test e-mail through the server that applies to the acting user in the company and reports the outcome.</summary>
    public async Task<MailTestResult> SendTestAsync(CurrentUser user, int companyId, string toAddress, CancellationToken ct = default)
    {
        Ensure(user, companyId);
        if (!SenderSetting.IsValidEmail(toAddress)) throw new BusinessRuleException(WorkflowMessages.MailTestInvalidAddress);
        var route = await router.RouteAsync(companyId, user.Id, ct);
        var result = await sender.SendTestAsync(route, toAddress.Trim(), WorkflowMessages.MailTestSubject, WorkflowMessages.MailTestBody, ct);
        return result.Captured ? result with { Outcome = WorkflowMessages.MailTestCaptured } : result;
    }

    private static readonly System.Linq.Expressions.Expression<Func<OutboxMessage, OutboxRow>> Row = m =>
        new OutboxRow(m.Id, m.CompanyId, m.Kind, m.ToAddress, m.ToName, m.Subject, m.Status, m.Attempts, m.CreatedAtUtc, m.SentAtUtc, m.NextAttemptUtc, m.LastError, m.MessageId);

    private static void Ensure(CurrentUser user, int companyId)
    {
        user.EnsureAdministrator();
        user.EnsureAccess(companyId);
    }

    private static async Task<WorkflowSchedule> LoadAsync(FoccoDbContext db, CurrentUser user, int id, CancellationToken ct)
    {
        var s = await db.WorkflowSchedules.FirstOrDefaultAsync(x => x.Id == id, ct);
        if (s is null || !user.CanAccess(s.CompanyId)) throw new NotFoundException(WorkflowMessages.ScheduleNotFound);
        Ensure(user, s.CompanyId);
        return s;
    }

    private static async Task<TimeZoneInfo> ZoneAsync(FoccoDbContext db, int companyId, CancellationToken ct) =>
        WorkflowEngine.Zone(await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => c.TimeZoneId).FirstOrDefaultAsync(ct)
                            ?? throw new NotFoundException(Messages.CompanyNotFound));
}

using System.Collections.Concurrent;
using System.Globalization;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Mail;
using FoccoCrm.Core.Tickets;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FoccoCrm.Core.Workflow;

/// <summary>What a run queued.</summary>
public sealed record WorkflowRunResult(long RunId, int TicketsConsidered, int Responsibles, int Queued, string? Error);

/// <summary>
/// The workflow's engine, with no acting user (the scheduler calls it; <see cref="WorkflowService"/> calls it for "send now").
/// A run composes one digest per responsible from the ticket history after their <see cref="DigestWatermark"/> and writes
/// the outbox rows, the new watermarks and the run's outcome in ONE SaveChanges: either every digest is queued and the marks
/// move, or nothing is. A watermark changed by a concurrent run aborts this one (nothing queued twice).
/// </summary>
public sealed class WorkflowEngine(
    IDbContextFactory<FoccoDbContext> dbFactory,
    IDigestRenderer renderer,
    IOptions<WorkflowMailOptions> options,
    TimeProvider clock,
    ILogger<WorkflowEngine> log)
{
    public const string DigestKind = "digest";
    public const string AssignmentKind = "assignment";

    /// <summary>A responsible's first digest covers the changes of this last period.</summary>
    public static readonly TimeSpan FirstDigestLookback = TimeSpan.FromDays(7);

    private static readonly ConcurrentDictionary<int, SemaphoreSlim> CompanyLocks = new();
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>Runs every active schedule that is due; each is claimed first (UPDATE … WHERE NextRunUtc is what we read)
    /// so two app instances never run the same slot.</summary>
    public async Task<IReadOnlyList<WorkflowRunResult>> RunDueSchedulesAsync(CancellationToken ct = default)
    {
        var now = Now;
        List<(int Id, int CompanyId, DateTime Next, ScheduleRule Rule, string Zone)> due;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var rows = await db.Set<WorkflowSchedule>().AsNoTracking().Where(s => s.IsActive && s.NextRunUtc != null && s.NextRunUtc <= now)
                .Join(db.Companies.Where(c => c.IsActive), s => s.CompanyId, c => c.Id, (s, c) => new
                {
                    s.Id, s.CompanyId, Next = s.NextRunUtc!.Value, s.Kind, s.IntervalMinutes, s.AtMinuteOfDay, s.WeekdayMask, c.TimeZoneId,
                }).ToListAsync(ct);
            due = rows.Select(r => (r.Id, r.CompanyId, r.Next, new ScheduleRule(r.Kind, r.IntervalMinutes, r.AtMinuteOfDay, r.WeekdayMask), r.TimeZoneId)).ToList();
        }
        var results = new List<WorkflowRunResult>();
        foreach (var s in due)
        {
            if (!await ClaimScheduleAsync(s.Id, s.Next, ScheduleCalculator.Next(s.Rule, Zone(s.Zone), now), now, ct)) continue;
            results.Add(await RunAsync(s.CompanyId, s.Id, null, ct));
        }
        return results;
    }

    private async Task<bool> ClaimScheduleAsync(int id, DateTime seenNext, DateTime next, DateTime now, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var version = Guid.NewGuid();
        return await db.Set<WorkflowSchedule>().Where(s => s.Id == id && s.NextRunUtc == seenNext)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.NextRunUtc, next).SetProperty(s => s.LastRunUtc, now).SetProperty(s => s.Version, version), ct) == 1;
    }

    /// <summary>Composes and queues the digests of a company now (a schedule's run, or "send now").</summary>
    public async Task<WorkflowRunResult> RunAsync(int companyId, int? scheduleId, string? triggeredBy, CancellationToken ct = default)
    {
        var gate = CompanyLocks.GetOrAdd(companyId, _ => new SemaphoreSlim(1, 1));
        await gate.WaitAsync(ct);
        try
        {
            var now = Now;
            var run = WorkflowRun.Start(companyId, scheduleId, triggeredBy, now);
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                db.WorkflowRuns.Add(run);
                await db.SaveChangesAsync(ct);
            }
            try
            {
                await using var db = await dbFactory.CreateDbContextAsync(ct);
                var composed = await ComposeAsync(db, companyId, now, ct);
                foreach (var d in composed.Digests)
                    db.OutboxMessages.Add(OutboxMessage.Queue(companyId, d.UserId, run.Id, DigestKind, d.Email, d.Name, d.Model.Subject, d.Html, d.Text, now));
                db.Attach(run);
                run.Finish(Now, composed.TicketsConsidered, composed.Responsibles, composed.Digests.Count);
                await db.SaveChangesAsync(ct); // outbox rows + watermarks + run outcome: one transaction
                return new WorkflowRunResult(run.Id, run.TicketsConsidered, run.Responsibles, run.Queued, null);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                var error = ex is DbUpdateException ? WorkflowMessages.WorkflowRunConcurrent : ex.Message;
                log.LogError(ex, "Workflow run {RunId} of company {CompanyId} failed", run.Id, companyId);
                await using var db = await dbFactory.CreateDbContextAsync(CancellationToken.None);
                db.Attach(run);
                run.Fail(Now, error);
                await db.SaveChangesAsync(CancellationToken.None);
                return new WorkflowRunResult(run.Id, 0, 0, 0, error);
            }
        }
        finally
        {
            gate.Release();
        }
    }

    internal sealed record ComposedDigest(string UserId, string Email, string Name, DigestModel Model, string Html, string Text);
    internal sealed record Composition(IReadOnlyList<ComposedDigest> Digests, int TicketsConsidered, int Responsibles);

    /// <summary>
    /// The digests of a company from the history lines after each responsible's watermark (up to the last line now), and the
    /// watermarks moved (tracked on <paramref name="db"/>, saved by the caller). Lines written by the responsible themselves
    /// are not news to them. A ticket is new when it was created or (re)assigned since the mark, else changed.
    /// </summary>
    internal async Task<Composition> ComposeAsync(FoccoDbContext db, int companyId, DateTime now, CancellationToken ct)
    {
        var company = await db.Companies.AsNoTracking().Where(c => c.Id == companyId).Select(c => new { c.Name, c.TimeZoneId }).FirstOrDefaultAsync(ct)
                      ?? throw new NotFoundException(Messages.CompanyNotFound);
        var zone = Zone(company.TimeZoneId);
        var maxId = await db.TicketHistory.MaxAsync(h => (long?)h.Id, ct) ?? 0;
        var marks = await db.DigestWatermarks.AsTracking().Where(w => w.CompanyId == companyId).ToDictionaryAsync(w => w.UserId, ct);
        var since = now - FirstDigestLookback;
        var firstRecent = await db.TicketHistory.Where(h => h.AtUtc >= since).MinAsync(h => (long?)h.Id, ct) ?? maxId + 1;
        var defaultMark = firstRecent - 1;
        var lower = marks.Count == 0 ? defaultMark : Math.Min(defaultMark, marks.Values.Min(w => w.LastHistoryId));

        var lines = await db.TicketHistory.AsNoTracking()
            .Where(h => h.Id > lower && h.Id <= maxId)
            .Join(db.Tickets.Where(t => t.CompanyId == companyId && t.ResponsibleId != null), h => h.TicketId, t => t.Id,
                (h, t) => new Line(h.Id, h.TicketId, h.AtUtc, h.UserId, h.UserName, h.Field, h.From, h.To, t.ResponsibleId!))
            .ToListAsync(ct);
        var byResponsible = lines.GroupBy(l => l.ResponsibleId).ToList();
        var responsibleIds = byResponsible.Select(g => g.Key).ToList();
        var users = await db.Users.AsNoTracking().Where(u => responsibleIds.Contains(u.Id))
            .Select(u => new { u.Id, u.FullName, u.Email, u.Culture, u.IsActive }).ToDictionaryAsync(u => u.Id, ct);

        var relevant = new Dictionary<string, List<Line>>();
        foreach (var g in byResponsible)
        {
            var mark = marks.TryGetValue(g.Key, out var w) ? w.LastHistoryId : defaultMark;
            var mine = g.Where(l => l.Id > mark && l.UserId != g.Key).ToList();
            if (mine.Count > 0 && users.TryGetValue(g.Key, out var u) && u.IsActive && !string.IsNullOrWhiteSpace(u.Email)) relevant[g.Key] = mine;
            // the mark moves for everyone we looked at: what they were not told about is not news later either
            if (w is null) db.DigestWatermarks.Add(DigestWatermark.Create(companyId, g.Key, maxId, now));
            else w.MoveTo(maxId, now);
        }

        var ticketIds = relevant.Values.SelectMany(l => l).Select(l => l.TicketId).Distinct().ToList();
        var tickets = new Dictionary<long, TicketInfo>();
        foreach (var chunk in ticketIds.Chunk(500))
        {
            var part = await db.Tickets.AsNoTracking().Where(t => chunk.Contains(t.Id))
                .Select(t => new TicketInfo(t.Id, t.Number, t.Customer!.Name, t.Situation, t.Status, t.Priority)).ToListAsync(ct);
            foreach (var t in part) tickets[t.Id] = t;
        }

        var baseUrl = options.Value.BaseUrl.TrimEnd('/');
        var digests = new List<ComposedDigest>();
        foreach (var (userId, mine) in relevant)
        {
            var u = users[userId];
            var model = WorkflowMessages.In(u.Culture, () => BuildModel(u.Culture, u.FullName, company.Name, zone, baseUrl, mine, tickets));
            var html = await renderer.RenderDigestHtmlAsync(model, ct);
            digests.Add(new ComposedDigest(userId, u.Email!, u.FullName, model, html, DigestText.Digest(model)));
        }
        return new Composition(digests, ticketIds.Count, relevant.Count);
    }

    private static DigestModel BuildModel(string? culture, string name, string companyName, TimeZoneInfo zone, string baseUrl,
        List<Line> lines, Dictionary<long, TicketInfo> tickets)
    {
        var items = lines.GroupBy(l => l.TicketId).Where(g => tickets.ContainsKey(g.Key)).Select(g =>
        {
            var t = tickets[g.Key];
            var isNew = g.Any(l => l.Field is TicketFields.Created or TicketFields.Responsible);
            return Ticket(t, baseUrl, isNew, g.OrderBy(l => l.Id).Select(l => Change(l, zone)).ToList());
        }).OrderBy(t => t.Number).ToList();
        var fresh = items.Where(i => i.IsNew).ToList();
        var changed = items.Where(i => !i.IsNew).ToList();
        return new DigestModel(culture ?? "pt-BR", name, companyName,
            Messages.Format(nameof(WorkflowMessages.DigestSubject), companyName, fresh.Count, changed.Count),
            Messages.Format(nameof(WorkflowMessages.DigestGreeting), name),
            Messages.Format(nameof(WorkflowMessages.DigestIntro), companyName),
            WorkflowMessages.DigestNewHeading, WorkflowMessages.DigestChangedHeading, WorkflowMessages.DigestOpen, WorkflowMessages.DigestFooter,
            baseUrl + "/tickets", fresh, changed);
    }

    internal static DigestTicket Ticket(TicketInfo t, string baseUrl, bool isNew, IReadOnlyList<DigestChange> changes) =>
        new(t.Id, t.Number, t.Customer, t.Situation.Length > 300 ? t.Situation[..300] + "…" : t.Situation,
            TicketMessages.StatusName(t.Status), TicketMessages.PriorityName(t.Priority), $"{baseUrl}/tickets/{t.Id}", isNew, changes);

    private static DigestChange Change(Line l, TimeZoneInfo zone) =>
        new(TimeZoneInfo.ConvertTimeFromUtc(l.AtUtc, zone).ToString("g", CultureInfo.CurrentCulture), l.UserName,
            WorkflowMessages.FieldName(l.Field), Value(l.Field, l.From, zone), Value(l.Field, l.To, zone));

    /// <summary>History values as the recipient reads them: enum names localized, ISO instants in the company's time.</summary>
    private static string? Value(string field, string? raw, TimeZoneInfo zone)
    {
        if (raw is null) return null;
        return field switch
        {
            TicketFields.Status when Enum.TryParse<TicketStatus>(raw, out var s) => TicketMessages.StatusName(s),
            TicketFields.Priority when Enum.TryParse<TicketPriority>(raw, out var p) => TicketMessages.PriorityName(p),
            TicketFields.Origin when Enum.TryParse<TicketOrigin>(raw, out var o) => TicketMessages.OriginName(o),
            TicketFields.CallbackAt when DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var d)
                => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(d, DateTimeKind.Utc), zone).ToString("g", CultureInfo.CurrentCulture),
            TicketFields.Created => null,
            _ => raw,
        };
    }

    internal static TimeZoneInfo Zone(string id) => TimeZones.IsKnown(id) ? TimeZoneInfo.FindSystemTimeZoneById(id) : TimeZoneInfo.Utc;

    private sealed record Line(long Id, long TicketId, DateTime AtUtc, string UserId, string UserName, string Field, string? From, string? To, string ResponsibleId);
    internal sealed record TicketInfo(long Id, int Number, string Customer, string Situation, TicketStatus Status, TicketPriority Priority);
}

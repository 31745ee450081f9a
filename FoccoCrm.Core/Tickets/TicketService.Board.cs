using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Parameters;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tickets;

public sealed partial class TicketService
{
    /// <summary>Column key of the unassigned tickets when the board is grouped by responsible.</summary>
    public const string UnassignedColumn = "-";

    /// <summary>
    /// The live board of a company, all in SQL: per column the total (visible to the user), the count under the filter,
    /// and the first <paramref name="perColumnTake"/> cards (skipping <paramref name="skip"/>). With <paramref name="column"/>
    /// only that column is read ("load more"). By status: Opened, InExecution, Closed (+ Cancelled with IncludeClosed);
    /// by responsible: open tickets (all with IncludeClosed), one column per possible responsible plus unassigned.
    /// </summary>
    public async Task<TicketBoard> BoardAsync(CurrentUser user, int companyId, TicketBoardFilter filter, TicketBoardGroupBy groupBy,
        int perColumnTake = 50, string? column = null, int skip = 0, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await VisibleAsync(db, user, companyId, ct);
        var hours = await LateHoursAsync(user, companyId, ct);
        var limit = Now.AddHours(-hours);
        var take = Math.Clamp(perColumnTake, 1, 500);
        skip = Math.Max(0, skip);
        var filtered = Filter(visible, filter, user, limit);
        var columns = new List<TicketBoardColumn>();

        if (groupBy == TicketBoardGroupBy.Status)
        {
            var totals = await visible.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            var counts = filter.IsEmpty ? totals
                : await filtered.GroupBy(t => t.Status).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
            TicketStatus[] statuses = filter.IncludeClosed
                ? [TicketStatus.Opened, TicketStatus.InExecution, TicketStatus.Closed, TicketStatus.Cancelled]
                : [TicketStatus.Opened, TicketStatus.InExecution, TicketStatus.Closed];
            foreach (var status in statuses)
            {
                var key = status.ToString();
                if (column is not null && column != key) continue;
                var q = filtered.Where(t => t.Status == status);
                var ordered = status is TicketStatus.Opened or TicketStatus.InExecution
                    ? q.OrderByDescending(t => t.Priority).ThenBy(t => t.Number)
                    : q.OrderByDescending(t => t.ClosedAtUtc).ThenByDescending(t => t.Number);
                var cards = await ordered.Skip(skip).Take(take).Select(ToCard(limit)).ToListAsync(ct);
                columns.Add(new TicketBoardColumn(key, TicketMessages.StatusName(status), totals.GetValueOrDefault(status), counts.GetValueOrDefault(status), cards));
            }
        }
        else
        {
            if (!filter.IncludeClosed)
            {
                visible = visible.Where(t => t.Status == TicketStatus.Opened || t.Status == TicketStatus.InExecution);
                filtered = filtered.Where(t => t.Status == TicketStatus.Opened || t.Status == TicketStatus.InExecution);
            }
            var totals = await visible.GroupBy(t => t.ResponsibleId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var counts = filter.IsEmpty ? totals
                : await filtered.GroupBy(t => t.ResponsibleId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
            var people = await Responsibles(db, companyId).OrderBy(u => u.FullName).Select(u => new { u.Id, u.FullName }).ToListAsync(ct);
            // Responsibles who no longer qualify (deactivated, lost access) still hold tickets: show their column too.
            var missing = totals.Where(x => x.Key is not null && people.All(p => p.Id != x.Key)).Select(x => x.Key!).ToList();
            if (missing.Count > 0)
                people.AddRange(await db.Users.AsNoTracking().Where(u => missing.Contains(u.Id)).Select(u => new { u.Id, u.FullName }).ToListAsync(ct));
            var keys = new List<(string Key, string? UserId, string Title)> { (UnassignedColumn, null, TicketMessages.Unassigned) };
            keys.AddRange(people.Select(p => (p.Id, (string?)p.Id, p.FullName)));
            foreach (var (key, userId, title) in keys)
            {
                if (column is not null && column != key) continue;
                var q = userId is null ? filtered.Where(t => t.ResponsibleId == null) : filtered.Where(t => t.ResponsibleId == userId);
                var cards = await q.OrderBy(t => t.Status).ThenByDescending(t => t.Priority).ThenBy(t => t.Number).Skip(skip).Take(take).Select(ToCard(limit)).ToListAsync(ct);
                columns.Add(new TicketBoardColumn(key, title, totals.FirstOrDefault(x => x.Key == userId)?.Count ?? 0,
                    counts.FirstOrDefault(x => x.Key == userId)?.Count ?? 0, cards));
            }
        }
        return new TicketBoard(groupBy, columns, hours);
    }

    /// <summary>One card as the board shows it (after a live event the board re-reads only the changed card).</summary>
    public async Task<TicketCard?> CardAsync(CurrentUser user, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companyId = await db.Tickets.AsNoTracking().Where(t => t.Id == id).Select(t => (int?)t.CompanyId).FirstOrDefaultAsync(ct);
        if (companyId is not int c || !user.CanAccess(c)) return null;
        var visible = await VisibleAsync(db, user, c, ct);
        var limit = Now.AddHours(-await LateHoursAsync(user, c, ct));
        return await visible.Where(t => t.Id == id).Select(ToCard(limit)).FirstOrDefaultAsync(ct);
    }

    /// <summary>
    /// A card as every board of its company receives it after a change (<see cref="TicketBoardFeed"/>): read once, with no
    /// user's restriction (each board decides with its <see cref="TicketBoardScope"/>) and "late" by the company's parameter 09
    /// (each board recomputes it for its user, <see cref="TicketCard.For"/>). Null when the ticket no longer exists.
    /// </summary>
    internal async Task<TicketCard?> BoardCardAsync(long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companyId = await db.Tickets.AsNoTracking().Where(t => t.Id == id).Select(t => (int?)t.CompanyId).FirstOrDefaultAsync(ct);
        if (companyId is not int c) return null;
        var hours = Math.Max(0, await parameters.GetCompanyIntAsync(c, ParameterDefinition.LateAfterHours, ct) ?? 0);
        return await db.Tickets.AsNoTracking().Where(t => t.Id == id).Select(ToCard(Now.AddHours(-hours))).FirstOrDefaultAsync(ct);
    }

    /// <summary>Which tickets of the company the user sees, for deciding in memory (<see cref="VisibleAsync"/> is the SQL twin).</summary>
    public async Task<TicketBoardScope> BoardScopeAsync(CurrentUser user, int companyId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (kind, representativeId) = await VisibilityAsync(db, user, companyId, ct);
        switch (kind)
        {
            case TicketVisibility.RepresentedCustomers:
                var customers = representativeId is null ? []
                    : await db.CustomerRepresentatives.AsNoTracking().Where(cr => cr.CompanyId == companyId && cr.RepresentativeId == representativeId)
                        .Select(cr => cr.CustomerId).ToListAsync(ct);
                return TicketBoardScope.Customers(customers.ToHashSet());
            case TicketVisibility.OwnAndUnassigned:
                return TicketBoardScope.OwnAndUnassigned(user.Id);
            default:
                return TicketBoardScope.All;
        }
    }

    private static IQueryable<Ticket> Filter(IQueryable<Ticket> q, TicketBoardFilter filter, CurrentUser user, DateTime limit)
    {
        var userId = user.Id;
        if (filter.Mine) q = q.Where(t => t.ResponsibleId == userId);
        if (filter.Unassigned) q = q.Where(t => t.ResponsibleId == null);
        if (filter.TypeId is int typeId) q = q.Where(t => t.TypeId == typeId);
        if (filter.Priority is { } priority) q = q.Where(t => t.Priority == priority);
        if (filter.CustomerId is int customerId) q = q.Where(t => t.CustomerId == customerId);
        if (filter.LateOnly) q = q.Where(Late(limit));
        return Search(q, filter.Text);
    }

    private static System.Linq.Expressions.Expression<Func<Ticket, TicketCard>> ToCard(DateTime limit) => t => new TicketCard(
        t.Id, t.Number, t.CustomerId, t.Customer!.Name, t.Type!.Description, t.Reason!.Description, t.Priority, t.Status,
        t.ResponsibleId, t.Responsible == null ? null : t.Responsible.FullName, t.OpenedAtUtc,
        (t.Status == TicketStatus.Opened || t.Status == TicketStatus.InExecution)
        && (t.Tasks.Any(k => !k.Done && k.DueAtUtc < limit) || (t.ScheduledCallback && t.CallbackAtUtc < limit)),
        t.Version, t.TypeId, t.ClosedAtUtc,
        // What "late" is computed from, so a board can recompute it with its user's parameter 09 (TicketCard.For).
        t.Tasks.Where(k => !k.Done).Min(k => (DateTime?)k.DueAtUtc),
        t.ScheduledCallback ? t.CallbackAtUtc : null);
}

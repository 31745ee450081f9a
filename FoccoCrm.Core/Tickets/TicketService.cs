using System.Globalization;
using System.Linq.Expressions;
using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Notifications;
using FoccoCrm.Core.Parameters;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tickets;

/// <summary>
/// Tickets (FCRM0200), the live board's reads and moves, and CCRM0400. Every committed change writes its history in the
/// same SaveChanges and is published on <see cref="LiveTopics.Tickets"/> after the commit (see README.md: kinds and data).
/// Every update takes the version the user saw and throws <see cref="ConcurrencyConflictException"/> whose
/// <see cref="ConcurrencyConflictException.Current"/> is the <see cref="TicketDetail"/> as it is now.
/// </summary>
public sealed partial class TicketService(
    IDbContextFactory<FoccoDbContext> dbFactory,
    IValidator<TicketInput> validator,
    IValidator<TicketTaskInput> taskValidator,
    IValidator<TicketDocumentInput> documentValidator,
    CatalogService<TicketType> types,
    CatalogService<TicketReason> reasons,
    ParameterService parameters,
    NotificationService notifications,
    Workflow.AssignmentMail assignmentMail,
    IChangeFeed feed,
    TimeProvider clock)
{
    public const int MaxRows = 10_000;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    // ---------------------------------------------------------------- reads

    /// <summary>A new ticket's input with the defaults of parameters 01 (type) and 02 (responsible; else the acting user).</summary>
    public async Task<TicketInput> NewInputAsync(CurrentUser user, int companyId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        var input = new TicketInput();
        await ApplyDefaultsAsync(user, companyId, input, ct);
        return input;
    }

    public async Task<TicketDetail> GetAsync(CurrentUser user, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companyId = await CompanyOfAsync(db, user, id, ct);
        var visible = await VisibleAsync(db, user, companyId, ct);
        var limit = Now.AddHours(-await LateHoursAsync(user, companyId, ct));
        var d = await visible.Where(t => t.Id == id).Select(t => new
        {
            t.Id, t.CompanyId, t.Number, t.CustomerId, CustomerName = t.Customer!.Name, t.ContactId, ContactName = t.Contact == null ? null : t.Contact.Name,
            t.TypeId, TypeName = t.Type!.Description, t.ReasonId, ReasonName = t.Reason!.Description, t.Origin, t.Situation, t.Priority,
            t.ResponsibleId, ResponsibleName = t.Responsible == null ? null : t.Responsible.FullName, t.Status, t.Solution, t.CancelReason,
            t.ScheduledCallback, t.CallbackAtUtc, t.OpenedAtUtc, OpenedByName = db.Users.Where(u => u.Id == t.OpenedById).Select(u => u.FullName).FirstOrDefault(),
            t.ClosedAtUtc, t.UpdatedAtUtc, t.UpdatedByName, t.Version,
            IsLate = (t.Status == TicketStatus.Opened || t.Status == TicketStatus.InExecution)
                     && (t.Tasks.Any(k => !k.Done && k.DueAtUtc < limit) || (t.ScheduledCallback && t.CallbackAtUtc < limit)),
            Quote = t.Quote == null ? null : new TicketDocumentLink(DocumentKind.Quote, t.Quote.Id, t.Quote.ExternalCode, t.Quote.IssueDate, t.Quote.Total),
            Order = t.SalesOrder == null ? null : new TicketDocumentLink(DocumentKind.SalesOrder, t.SalesOrder.Id, t.SalesOrder.ExternalCode, t.SalesOrder.IssueDate, t.SalesOrder.Total),
        }).FirstOrDefaultAsync(ct) ?? throw new NotFoundException(TicketMessages.TicketNotFound);
        var tasks = await db.TicketTasks.AsNoTracking().Where(k => k.TicketId == id).OrderBy(k => k.DueAtUtc).ThenBy(k => k.Id)
            .Select(k => new TicketTaskRow(k.Id, k.DueAtUtc, k.ResponsibleId, k.Responsible!.FullName, k.Description, k.Done, k.Result, k.DoneAtUtc,
                !k.Done && k.DueAtUtc < limit, k.Version))
            .ToListAsync(ct);
        return new TicketDetail(d.Id, d.CompanyId, d.Number, d.CustomerId, d.CustomerName, d.ContactId, d.ContactName, d.TypeId, d.TypeName,
            d.ReasonId, d.ReasonName, d.Origin, d.Situation, d.Priority, d.ResponsibleId, d.ResponsibleName, d.Status, d.Solution, d.CancelReason,
            d.ScheduledCallback, d.CallbackAtUtc, d.OpenedAtUtc, d.OpenedByName ?? "", d.ClosedAtUtc, d.UpdatedAtUtc, d.UpdatedByName, d.Version,
            d.IsLate, d.Quote ?? d.Order, tasks, user.CanEditTickets());
    }

    /// <summary>The ticket's history, newest first.</summary>
    public async Task<IReadOnlyList<TicketHistoryRow>> HistoryAsync(CurrentUser user, long id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var companyId = await CompanyOfAsync(db, user, id, ct);
        var visible = await VisibleAsync(db, user, companyId, ct);
        if (!await visible.AnyAsync(t => t.Id == id, ct)) throw new NotFoundException(TicketMessages.TicketNotFound);
        return await db.TicketHistory.AsNoTracking().Where(h => h.TicketId == id).OrderByDescending(h => h.AtUtc).ThenByDescending(h => h.Id)
            .Select(h => new TicketHistoryRow(h.Id, h.AtUtc, h.UserName, h.Field, h.From, h.To)).ToListAsync(ct);
    }

    /// <summary>FCRM0200 list and CCRM0400: filtered, sorted, counted and paged in SQL.</summary>
    public async Task<PagedResult<TicketRow>> ListAsync(CurrentUser user, int companyId, TicketQuery query, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await VisibleAsync(db, user, companyId, ct);
        var limit = Now.AddHours(-await LateHoursAsync(user, companyId, ct));
        if (query.CustomerId is int customerId) q = q.Where(t => t.CustomerId == customerId);
        if (query.ResponsibleId is { } rid) q = rid.Length == 0 ? q.Where(t => t.ResponsibleId == null) : q.Where(t => t.ResponsibleId == rid);
        if (query.Statuses is { Count: > 0 } statuses) q = q.Where(t => statuses.Contains(t.Status));
        if (query.TypeId is int typeId) q = q.Where(t => t.TypeId == typeId);
        if (query.Priority is { } priority) q = q.Where(t => t.Priority == priority);
        if (query.FromUtc is { } from) q = q.Where(t => t.OpenedAtUtc >= from);
        if (query.ToUtc is { } to) q = q.Where(t => t.OpenedAtUtc < to);
        if (query.LateOnly) q = q.Where(Late(limit));
        q = Search(q, query.Search);
        var total = await q.CountAsync(ct);
        var sorted = (query.Sort, query.Descending) switch
        {
            (TicketSort.OpenedAt, false) => q.OrderBy(t => t.OpenedAtUtc),
            (TicketSort.OpenedAt, true) => q.OrderByDescending(t => t.OpenedAtUtc),
            (TicketSort.Customer, false) => q.OrderBy(t => t.Customer!.Name),
            (TicketSort.Customer, true) => q.OrderByDescending(t => t.Customer!.Name),
            (TicketSort.Priority, false) => q.OrderBy(t => t.Priority),
            (TicketSort.Priority, true) => q.OrderByDescending(t => t.Priority),
            (TicketSort.Status, false) => q.OrderBy(t => t.Status),
            (TicketSort.Status, true) => q.OrderByDescending(t => t.Status),
            (TicketSort.Responsible, false) => q.OrderBy(t => t.Responsible!.FullName),
            (TicketSort.Responsible, true) => q.OrderByDescending(t => t.Responsible!.FullName),
            (_, false) => q.OrderBy(t => t.Number),
            _ => q.OrderByDescending(t => t.Number),
        };
        var items = await sorted.ThenByDescending(t => t.Id).Skip(Math.Max(0, query.Skip)).Take(Math.Clamp(query.Take, 1, MaxRows))
            .Select(t => new TicketRow(t.Id, t.Number, t.OpenedAtUtc, t.CustomerId, t.Customer!.Name, t.Type!.Description, t.Reason!.Description,
                t.Priority, t.Status, t.Origin, t.ResponsibleId, t.Responsible == null ? null : t.Responsible.FullName, t.ClosedAtUtc,
                (t.Status == TicketStatus.Opened || t.Status == TicketStatus.InExecution)
                && (t.Tasks.Any(k => !k.Done && k.DueAtUtc < limit) || (t.ScheduledCallback && t.CallbackAtUtc < limit)),
                t.Situation))
            .ToListAsync(ct);
        return new PagedResult<TicketRow>(items, total);
    }

    /// <summary>Users who may be responsible for tickets of the company (active administrators, managers and agents with access).</summary>
    public async Task<IReadOnlyList<TicketUserOption>> ResponsiblesAsync(CurrentUser user, int companyId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await Responsibles(db, companyId).OrderBy(u => u.FullName).Select(u => new TicketUserOption(u.Id, u.FullName)).ToListAsync(ct);
    }

    // ---------------------------------------------------------------- writes

    public async Task<TicketRef> CreateAsync(CurrentUser user, int companyId, TicketInput input, CancellationToken ct = default)
    {
        user.EnsureCanEditTickets();
        user.EnsureAccess(companyId);
        ArgumentNullException.ThrowIfNull(input);
        input = input with { };
        await ApplyDefaultsAsync(user, companyId, input, ct);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await CheckReferencesAsync(db, user, companyId, input, null, ct);
        var now = Now;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var number = await NextNumberAsync(db, companyId, ct);
        var ticket = Ticket.Open(companyId, number, input, user, now);
        db.Tickets.Add(ticket);
        db.TicketHistory.Add(TicketHistory.Create(ticket, user, now, TicketFields.Created, null, "#" + number.ToString(CultureInfo.InvariantCulture)));
        await db.SaveChangesAsync(ct);
        var staged = await StageAssignmentAsync(db, user, ticket, null, ct);
        if (staged is not null) await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await AfterCommitAsync(user, ticket, TicketEvents.Created, staged, ct);
        return new TicketRef(ticket.Id, ticket.Number, ticket.Version);
    }

    /// <summary>Saves the opening fields. A closed or cancelled ticket must be reopened first.</summary>
    public async Task<Guid> UpdateAsync(CurrentUser user, long id, TicketInput input, Guid seenVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await validator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadForWriteAsync(db, user, id, seenVersion, ct);
        ticket.EnsureEditable();
        await CheckReferencesAsync(db, user, ticket.CompanyId, input, ticket, ct);
        var before = Raw(ticket);
        var previousResponsible = ticket.ResponsibleId;
        ticket.Apply(input);
        var changed = await RecordChangesAsync(db, user, ticket, before, ct);
        if (!changed) return ticket.Version;
        var staged = await StageAssignmentAsync(db, user, ticket, previousResponsible, ct);
        await SaveAsync(db, user, ticket, ct);
        await AfterCommitAsync(user, ticket, previousResponsible != ticket.ResponsibleId ? TicketEvents.Assigned : TicketEvents.Updated, staged, ct, before);
        return ticket.Version;
    }

    /// <summary>
    /// Changes the status (the board's move). To Closed needs a solution (<paramref name="note"/>, or the one already
    /// recorded); to Cancelled a reason (<paramref name="note"/>); from Closed/Cancelled back to Opened/InExecution reopens.
    /// </summary>
    public async Task<Guid> MoveAsync(CurrentUser user, long id, TicketStatus to, Guid seenVersion, string? note = null, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadForWriteAsync(db, user, id, seenVersion, ct);
        if (ticket.Status == to) return ticket.Version;
        var before = Raw(ticket);
        ticket.MoveTo(to, note, Now);
        await RecordChangesAsync(db, user, ticket, before, ct);
        await SaveAsync(db, user, ticket, ct);
        await AfterCommitAsync(user, ticket, TicketEvents.Moved, null, ct, before);
        return ticket.Version;
    }

    public Task<Guid> CloseAsync(CurrentUser user, long id, string solution, Guid seenVersion, CancellationToken ct = default) =>
        string.IsNullOrWhiteSpace(solution) ? throw new BusinessRuleException(TicketMessages.TicketSolutionRequired)
            : MoveAsync(user, id, TicketStatus.Closed, seenVersion, solution, ct);

    public Task<Guid> CancelAsync(CurrentUser user, long id, string reason, Guid seenVersion, CancellationToken ct = default) =>
        MoveAsync(user, id, TicketStatus.Cancelled, seenVersion, reason, ct);

    public async Task<Guid> ReopenAsync(CurrentUser user, long id, Guid seenVersion, CancellationToken ct = default)
    {
        var current = await GetAsync(user, id, ct);
        if (current.IsOpen) throw new BusinessRuleException(TicketMessages.TicketNotClosed);
        return await MoveAsync(user, id, TicketStatus.Opened, seenVersion, null, ct);
    }

    /// <summary>Changes the responsible (null = unassigned); the new responsible is notified (not when it is the actor).</summary>
    public async Task<Guid> AssignAsync(CurrentUser user, long id, string? responsibleId, Guid seenVersion, CancellationToken ct = default)
    {
        responsibleId = string.IsNullOrWhiteSpace(responsibleId) ? null : responsibleId;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadForWriteAsync(db, user, id, seenVersion, ct);
        if (ticket.ResponsibleId == responsibleId) return ticket.Version;
        if (responsibleId is not null) await EnsureResponsibleAsync(db, ticket.CompanyId, responsibleId, ct);
        var before = Raw(ticket);
        var previous = ticket.ResponsibleId;
        ticket.Assign(responsibleId);
        await RecordChangesAsync(db, user, ticket, before, ct);
        var staged = await StageAssignmentAsync(db, user, ticket, previous, ct);
        await SaveAsync(db, user, ticket, ct);
        await AfterCommitAsync(user, ticket, TicketEvents.Assigned, staged, ct, before);
        return ticket.Version;
    }

    // ---------------------------------------------------------------- shared helpers

    private async Task ApplyDefaultsAsync(CurrentUser user, int companyId, TicketInput input, CancellationToken ct)
    {
        if (input.TypeId <= 0 && await parameters.GetIntAsync(user, companyId, ParameterDefinition.DefaultTicketType, ct) is int typeId)
            input.TypeId = typeId;
        if (string.IsNullOrWhiteSpace(input.ResponsibleId))
        {
            var param = (await parameters.GetEffectiveAsync(user, companyId, ParameterDefinition.DefaultResponsible, ct)).Value;
            input.ResponsibleId = !string.IsNullOrWhiteSpace(param) ? param : user.CanEditTickets() ? user.Id : null;
        }
    }

    private async Task CheckReferencesAsync(FoccoDbContext db, CurrentUser user, int companyId, TicketInput input, Ticket? existing, CancellationToken ct)
    {
        if (existing is null || existing.CustomerId != input.CustomerId)
        {
            var persons = await PersonService.VisibleAsync(db, user, ct);
            if (!await persons.AnyAsync(p => p.Id == input.CustomerId && p.IsActive, ct))
                throw new BusinessRuleException(TicketMessages.TicketCustomerInvalid);
        }
        if (input.ContactId is int contactId && (existing is null || existing.ContactId != contactId || existing.CustomerId != input.CustomerId)
            && !await db.Contacts.AnyAsync(c => c.Id == contactId && c.PersonId == input.CustomerId, ct))
            throw new BusinessRuleException(TicketMessages.TicketContactOfOtherCustomer);
        if (existing is null || existing.TypeId != input.TypeId) await types.EnsureSelectableAsync(db, input.TypeId, null, ct);
        if (existing is null || existing.ReasonId != input.ReasonId || existing.TypeId != input.TypeId)
            await reasons.EnsureSelectableAsync(db, input.ReasonId, input.TypeId, ct);
        if (input.ResponsibleId is { } rid && (existing is null || existing.ResponsibleId != rid))
            await EnsureResponsibleAsync(db, companyId, rid, ct);
    }

    private static async Task EnsureResponsibleAsync(FoccoDbContext db, int companyId, string userId, CancellationToken ct)
    {
        if (!await Responsibles(db, companyId).AnyAsync(u => u.Id == userId, ct))
            throw new BusinessRuleException(TicketMessages.TicketResponsibleInvalid);
    }

    private static readonly string[] ResponsibleRoles = [Roles.Administrator, Roles.Manager, Roles.Agent];

    private static IQueryable<AppUser> Responsibles(FoccoDbContext db, int companyId)
    {
        var roleIds = db.Roles.Where(r => ResponsibleRoles.Contains(r.Name!)).Select(r => r.Id);
        return db.Users.AsNoTracking().Where(u => u.IsActive
            && db.UserCompanies.Any(uc => uc.UserId == u.Id && uc.CompanyId == companyId)
            && db.UserRoles.Any(ur => ur.UserId == u.Id && roleIds.Contains(ur.RoleId)));
    }

    /// <summary>
    /// The next number of the company, taken atomically: one upsert statement on <c>TicketCounters</c> inside the caller's
    /// (immediate) transaction; the unique (CompanyId, Number) index is the backstop.
    /// </summary>
    private static async Task<int> NextNumberAsync(FoccoDbContext db, int companyId, CancellationToken ct)
    {
        var numbers = await db.Database.SqlQuery<int>($"""
            INSERT INTO "TicketCounters" ("CompanyId", "Last")
            VALUES ({companyId}, COALESCE((SELECT MAX("Number") FROM "Tickets" WHERE "CompanyId" = {companyId}), 0) + 1)
            ON CONFLICT ("CompanyId") DO UPDATE SET "Last" = "Last" + 1
            RETURNING "Last" AS "Value"
            """).ToListAsync(ct);
        return numbers.Single();
    }

    /// <summary>
    /// Throws <see cref="NotFoundException"/> unless the ticket exists in <paramref name="companyId"/> and the user may work in
    /// that company (one query; whether this user sees the ticket is checked by the call that follows).
    /// </summary>
    public async Task EnsureInCompanyAsync(CurrentUser user, long id, int companyId, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await CompanyOfAsync(db, user, id, ct) != companyId) throw new NotFoundException(TicketMessages.TicketNotFound);
    }

    private static async Task<int> CompanyOfAsync(FoccoDbContext db, CurrentUser user, long id, CancellationToken ct)
    {
        var companyId = await db.Tickets.AsNoTracking().Where(t => t.Id == id).Select(t => (int?)t.CompanyId).FirstOrDefaultAsync(ct);
        if (companyId is not int c || !user.CanAccess(c)) throw new NotFoundException(TicketMessages.TicketNotFound);
        return c;
    }

    /// <summary>
    /// The tickets of the company the user may read: representatives only those of the customers they represent in it;
    /// agents only their own and unassigned ones when parameter 07 says agents do not see others' tickets.
    /// </summary>
    internal async Task<IQueryable<Ticket>> VisibleAsync(FoccoDbContext db, CurrentUser user, int companyId, CancellationToken ct)
    {
        var q = db.Tickets.AsNoTracking().Where(t => t.CompanyId == companyId);
        var (kind, representativeId) = await VisibilityAsync(db, user, companyId, ct);
        var userId = user.Id;
        return kind switch
        {
            TicketVisibility.RepresentedCustomers when representativeId is null => q.Where(_ => false),
            TicketVisibility.RepresentedCustomers => q.Where(t => db.CustomerRepresentatives.Any(cr =>
                cr.CompanyId == companyId && cr.CustomerId == t.CustomerId && cr.RepresentativeId == representativeId)),
            TicketVisibility.OwnAndUnassigned => q.Where(t => t.ResponsibleId == userId || t.ResponsibleId == null),
            _ => q,
        };
    }

    private enum TicketVisibility { All, OwnAndUnassigned, RepresentedCustomers }

    /// <summary>
    /// The one rule of who sees which tickets of a company (applied in SQL by <see cref="VisibleAsync"/>, in memory by
    /// <see cref="BoardScopeAsync"/>): representatives the customers they represent (their person id); agents their own
    /// and unassigned ones when parameter 07 says agents do not see others' tickets; everyone else all.
    /// </summary>
    private async Task<(TicketVisibility Kind, int? RepresentativeId)> VisibilityAsync(FoccoDbContext db, CurrentUser user, int companyId, CancellationToken ct)
    {
        user.EnsureAccess(companyId);
        if (user.SeesOnlyAssignedCustomers())
        {
            var userId = user.Id;
            return (TicketVisibility.RepresentedCustomers, await db.Users.Where(u => u.Id == userId).Select(u => u.PersonId).FirstOrDefaultAsync(ct));
        }
        if (user.IsAgentOnly() && !await parameters.GetBoolAsync(user, companyId, ParameterDefinition.AgentsSeeOthersTickets, ct))
            return (TicketVisibility.OwnAndUnassigned, null);
        return (TicketVisibility.All, null);
    }

    private async Task<Ticket> LoadForWriteAsync(FoccoDbContext db, CurrentUser user, long id, Guid seenVersion, CancellationToken ct)
    {
        user.EnsureCanEditTickets();
        var companyId = await CompanyOfAsync(db, user, id, ct);
        var visible = await VisibleAsync(db, user, companyId, ct);
        if (!await visible.AnyAsync(t => t.Id == id, ct)) throw new NotFoundException(TicketMessages.TicketNotFound);
        var ticket = await db.Tickets.AsTracking().FirstAsync(t => t.Id == id, ct);
        if (ticket.Version != seenVersion) throw await ConflictAsync(user, ticket.Id, ct);
        db.ExpectVersion(ticket, seenVersion);
        return ticket;
    }

    private async Task SaveAsync(FoccoDbContext db, CurrentUser user, Ticket ticket, CancellationToken ct)
    {
        ticket.Touch(user, Now);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw await ConflictAsync(user, ticket.Id, ct);
        }
        catch (DbUpdateException ex) when (IsDocumentConstraint(ex))
        {
            throw new BusinessRuleException(TicketMessages.TicketDocumentTaken);
        }
    }

    private static bool IsDocumentConstraint(DbUpdateException ex) =>
        ex.InnerException?.Message is { } m && (m.Contains(TicketConfiguration.OneDocumentCheck, StringComparison.Ordinal)
            || m.Contains("Tickets.QuoteId", StringComparison.Ordinal) || m.Contains("Tickets.SalesOrderId", StringComparison.Ordinal));

    /// <summary>"Ana changed ticket 123 at 27/11 10:31": with the ticket as it is now (theirs), for theirs-vs-yours.</summary>
    private async Task<ConcurrencyConflictException> ConflictAsync(CurrentUser user, long id, CancellationToken ct)
    {
        TicketDetail current;
        try { current = await GetAsync(user, id, ct); }
        catch (NotFoundException) { return new ConcurrencyConflictException(Messages.ConcurrencyConflict); }
        var company = user.Companies.FirstOrDefault(c => c.Id == current.CompanyId);
        var at = company?.ToLocal(new DateTimeOffset(current.UpdatedAtUtc)) ?? current.UpdatedAtUtc;
        return new ConcurrencyConflictException(
            Messages.Format(nameof(TicketMessages.TicketChangedBy), current.UpdatedByName, current.Number, at, TicketMessages.StatusName(current.Status)), current);
    }

    private async Task<int> LateHoursAsync(CurrentUser user, int companyId, CancellationToken ct) =>
        Math.Max(0, await parameters.GetIntAsync(user, companyId, ParameterDefinition.LateAfterHours, ct) ?? 0);

    /// <summary>Open, with a task not done or a call-back due before <paramref name="limit"/> (now minus parameter 09 hours).</summary>
    internal static Expression<Func<Ticket, bool>> Late(DateTime limit) => t =>
        (t.Status == TicketStatus.Opened || t.Status == TicketStatus.InExecution)
        && (t.Tasks.Any(k => !k.Done && k.DueAtUtc < limit) || (t.ScheduledCallback && t.CallbackAtUtc < limit));

    private static IQueryable<Ticket> Search(IQueryable<Ticket> q, string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return q;
        var s = text.Trim().TrimStart('#');
        if (int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out var number)) return q.Where(t => t.Number == number);
        var like = $"%{s}%";
        return q.Where(t => EF.Functions.Like(t.Customer!.Name, like) || EF.Functions.Like(t.Customer!.TradeName!, like) || EF.Functions.Like(t.Situation, like));
    }

    // ---------------------------------------------------------------- history, notifications, events

    private static Dictionary<string, string?> Raw(Ticket t) => new()
    {
        [TicketFields.Customer] = t.CustomerId.ToString(CultureInfo.InvariantCulture),
        [TicketFields.Contact] = t.ContactId?.ToString(CultureInfo.InvariantCulture),
        [TicketFields.Type] = t.TypeId.ToString(CultureInfo.InvariantCulture),
        [TicketFields.Reason] = t.ReasonId.ToString(CultureInfo.InvariantCulture),
        [TicketFields.Origin] = t.Origin.ToString(),
        [TicketFields.Situation] = t.Situation,
        [TicketFields.Priority] = t.Priority.ToString(),
        [TicketFields.Responsible] = t.ResponsibleId,
        [TicketFields.Status] = t.Status.ToString(),
        [TicketFields.Solution] = t.Solution,
        [TicketFields.CancelReason] = t.CancelReason,
        [TicketFields.ScheduledCallback] = t.ScheduledCallback ? "S" : "N",
        [TicketFields.CallbackAt] = Iso(t.CallbackAtUtc),
        [TicketFields.Quote] = t.QuoteId?.ToString(CultureInfo.InvariantCulture),
        [TicketFields.SalesOrder] = t.SalesOrderId?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>An instant in history: UTC, ISO 8601 to the minute (the UI shows it in the company's zone).</summary>
    internal static string? Iso(DateTime? utc) => utc?.ToString("yyyy-MM-dd'T'HH:mm'Z'", CultureInfo.InvariantCulture);

    /// <summary>Adds a history line per changed field (ids shown by name); false when nothing changed.</summary>
    private async Task<bool> RecordChangesAsync(FoccoDbContext db, CurrentUser user, Ticket ticket, Dictionary<string, string?> before, CancellationToken ct)
    {
        var after = Raw(ticket);
        var now = Now;
        var any = false;
        foreach (var (field, from) in before)
        {
            var to = after[field];
            if (from == to) continue;
            any = true;
            db.TicketHistory.Add(TicketHistory.Create(ticket, user, now, field,
                await DisplayAsync(db, field, from, ct), await DisplayAsync(db, field, to, ct)));
        }
        return any;
    }

    private static async Task<string?> DisplayAsync(FoccoDbContext db, string field, string? raw, CancellationToken ct)
    {
        if (raw is null) return null;
        if (field == TicketFields.Responsible) return await db.Users.Where(u => u.Id == raw).Select(u => u.FullName).FirstOrDefaultAsync(ct) ?? raw;
        if (!int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id)) return raw;
        var name = field switch
        {
            TicketFields.Customer => await db.Persons.Where(p => p.Id == id).Select(p => p.Name).FirstOrDefaultAsync(ct),
            TicketFields.Contact => await db.Contacts.Where(c => c.Id == id).Select(c => c.Name).FirstOrDefaultAsync(ct),
            TicketFields.Type => await db.TicketTypes.Where(c => c.Id == id).Select(c => c.Code + " - " + c.Description).FirstOrDefaultAsync(ct),
            TicketFields.Reason => await db.TicketReasons.Where(c => c.Id == id).Select(c => c.Code + " - " + c.Description).FirstOrDefaultAsync(ct),
            TicketFields.Quote => await db.Quotes.Where(c => c.Id == id).Select(c => c.ExternalCode).FirstOrDefaultAsync(ct),
            TicketFields.SalesOrder => await db.SalesOrders.Where(c => c.Id == id).Select(c => c.ExternalCode).FirstOrDefaultAsync(ct),
            _ => raw,
        };
        return name ?? raw;
    }

    /// <summary>Stages "ticket assigned to you" for a new responsible other than the actor, in the recipient's language
    /// (and the parameter-10 e-mail when they asked for it).</summary>
    private async Task<Notification?> StageAssignmentAsync(FoccoDbContext db, CurrentUser user, Ticket ticket, string? previous, CancellationToken ct)
    {
        var to = ticket.ResponsibleId;
        if (to is null || to == previous || to == user.Id) return null;
        var culture = await db.Users.Where(u => u.Id == to).Select(u => u.Culture).FirstOrDefaultAsync(ct);
        var customer = await db.Persons.Where(p => p.Id == ticket.CustomerId).Select(p => p.Name).FirstOrDefaultAsync(ct) ?? "";
        var title = Messages.In(culture, () => Messages.Format(nameof(TicketMessages.TicketAssignedNotification), ticket.Number, user.FullName));
        var body = customer + " — " + (ticket.Situation.Length > 300 ? ticket.Situation[..300] + "…" : ticket.Situation);
        // Parameter 10: the immediate e-mail goes to the outbox in the same SaveChanges as the assignment.
        await assignmentMail.StageAsync(db, ticket, to, user, ct);
        // The link needs the id: a new ticket is saved first (same transaction), see CreateAsync.
        return notifications.Stage(db, new NotificationDraft(to, ticket.CompanyId, TicketEvents.Assigned, title, body,
            ticket.Id == 0 ? "/tickets" : $"/tickets/{ticket.Id}", user.Id, user.FullName));
    }

    private async Task AfterCommitAsync(CurrentUser user, Ticket ticket, string kind, Notification? staged, CancellationToken ct,
        Dictionary<string, string?>? before = null)
    {
        await PublishAsync(user, ticket, kind, before, ct);
        if (staged is not null) await notifications.PublishAsync([staged], ct);
    }

    /// <summary>
    /// The event of a committed change: the ticket's board fields now and (except for a new ticket) before the change —
    /// <paramref name="before"/> from <see cref="Raw"/>, or the current ones when the change did not touch them (tasks).
    /// </summary>
    private Task PublishAsync(CurrentUser user, Ticket ticket, string kind, Dictionary<string, string?>? before, CancellationToken ct)
    {
        var data = new Dictionary<string, string>
        {
            [TicketEvents.DataNumber] = ticket.Number.ToString(CultureInfo.InvariantCulture),
            [TicketEvents.DataStatus] = ticket.Status.ToString(),
            [TicketEvents.DataResponsibleId] = ticket.ResponsibleId ?? "",
            [TicketEvents.DataVersion] = ticket.Version.ToString(),
            [TicketEvents.DataActorName] = user.FullName,
        };
        if (kind != TicketEvents.Created)
        {
            var now = Raw(ticket);
            string? Was(string field) => before is null ? now[field] : before[field];
            data[TicketEvents.DataPrevStatus] = Was(TicketFields.Status) ?? "";
            data[TicketEvents.DataPrevResponsibleId] = Was(TicketFields.Responsible) ?? "";
            data[TicketEvents.DataPrevPriority] = Was(TicketFields.Priority) ?? "";
            data[TicketEvents.DataPrevTypeId] = Was(TicketFields.Type) ?? "";
            data[TicketEvents.DataPrevCustomerId] = Was(TicketFields.Customer) ?? "";
        }
        return feed.PublishAsync(new LiveChange(LiveTopics.Tickets(ticket.CompanyId), kind, ticket.Id, user.Id, user.FullName, Now, data), ct);
    }
}

/// <summary>The live events on <see cref="LiveTopics.Tickets"/> (the board consumes exactly these; see README.md).</summary>
public static class TicketEvents
{
    public const string Created = "ticket.created";
    public const string Updated = "ticket.updated";
    public const string Moved = "ticket.moved";
    public const string Assigned = "ticket.assigned";

    public const string DataNumber = "number";
    public const string DataStatus = "status";
    public const string DataResponsibleId = "responsibleId";
    public const string DataVersion = "version";
    public const string DataActorName = "actorName";

    // Before the change (absent on ticket.created): where the ticket was, so a board can move it without a query.
    public const string DataPrevStatus = "prev.status";
    public const string DataPrevResponsibleId = "prev.responsibleId";
    public const string DataPrevPriority = "prev.priority";
    public const string DataPrevTypeId = "prev.typeId";
    public const string DataPrevCustomerId = "prev.customerId";

    /// <summary>The board fields of the ticket before the change; null for a new ticket (or an event without them).</summary>
    public static TicketBoardKey? Before(LiveChange change)
    {
        ArgumentNullException.ThrowIfNull(change);
        var d = change.Data;
        if (d is null || !d.TryGetValue(DataPrevStatus, out var status) || !Enum.TryParse<TicketStatus>(status, out var s)
            || !d.TryGetValue(DataPrevPriority, out var priority) || !Enum.TryParse<TicketPriority>(priority, out var p)
            || !int.TryParse(d.GetValueOrDefault(DataPrevTypeId), NumberStyles.None, CultureInfo.InvariantCulture, out var type)
            || !int.TryParse(d.GetValueOrDefault(DataPrevCustomerId), NumberStyles.None, CultureInfo.InvariantCulture, out var customer))
            return null;
        var responsible = d.GetValueOrDefault(DataPrevResponsibleId);
        return new TicketBoardKey(s, string.IsNullOrEmpty(responsible) ? null : responsible, p, type, customer);
    }
}

/// <summary>
/// Administrators, managers and agents open and work tickets; representatives only read the tickets of the customers
/// they represent (they do not run the service desk).
/// </summary>
public static class TicketPermissions
{
    public static bool CanEditTickets(this CurrentUser user) => user.IsAdministrator || user.IsManager || user.IsInRole(Roles.Agent);

    public static void EnsureCanEditTickets(this CurrentUser user)
    {
        if (!user.CanEditTickets()) throw new ForbiddenException(TicketMessages.TicketsReadOnly);
    }

    /// <summary>Agents that are neither managers nor administrators: parameter 07 applies to them.</summary>
    public static bool IsAgentOnly(this CurrentUser user) => user.IsInRole(Roles.Agent) && !user.IsManager && !user.IsAdministrator;
}

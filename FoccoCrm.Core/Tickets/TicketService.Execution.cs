using System.Globalization;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Tickets;

/// <summary>Execution: scheduled tasks, and the one quote or order of a ticket.</summary>
public sealed partial class TicketService
{
    /// <summary>Schedules a task on an open ticket. Tasks have their own version: adding one does not conflict with an open ticket form.</summary>
    public async Task<long> AddTaskAsync(CurrentUser user, long ticketId, TicketTaskInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await taskValidator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadForTaskAsync(db, user, ticketId, ct);
        await EnsureResponsibleAsync(db, ticket.CompanyId, input.ResponsibleId, ct);
        var now = Now;
        var task = TicketTask.Create(input, user, now);
        ticket.Tasks.Add(task);
        db.TicketHistory.Add(TicketHistory.Create(ticket, user, now, TicketFields.TaskAdded, null, await TaskTextAsync(db, task, ct)));
        await db.SaveChangesAsync(ct);
        await PublishAsync(user, ticket, TicketEvents.Updated, null, ct);
        return task.Id;
    }

    /// <summary>Changes a task (reschedule, reassign, mark done with its result) if nobody changed it since <paramref name="seenVersion"/>.</summary>
    public async Task<Guid> UpdateTaskAsync(CurrentUser user, long taskId, TicketTaskInput input, Guid seenVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await taskValidator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticketId = await db.TicketTasks.AsNoTracking().Where(k => k.Id == taskId).Select(k => (long?)k.TicketId).FirstOrDefaultAsync(ct)
            ?? throw new NotFoundException(TicketMessages.TicketTaskNotFound);
        var ticket = await LoadForTaskAsync(db, user, ticketId, ct);
        var task = await db.TicketTasks.AsTracking().FirstAsync(k => k.Id == taskId, ct);
        if (task.Version != seenVersion) throw new ConcurrencyConflictException(Messages.ConcurrencyConflict, await TaskRowAsync(user, ticketId, taskId, ct));
        db.ExpectVersion(task, seenVersion);
        if (input.ResponsibleId != task.ResponsibleId) await EnsureResponsibleAsync(db, ticket.CompanyId, input.ResponsibleId, ct);
        var before = await TaskTextAsync(db, task, ct);
        var wasDone = task.Done;
        task.Apply(input, Now);
        var after = await TaskTextAsync(db, task, ct);
        if (before == after && wasDone == task.Done) return task.Version;
        db.TicketHistory.Add(TicketHistory.Create(ticket, user, Now, !wasDone && task.Done ? TicketFields.TaskDone : TicketFields.TaskChanged, before, after));
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            throw new ConcurrencyConflictException(Messages.ConcurrencyConflict, await TaskRowAsync(user, ticketId, taskId, ct));
        }
        await PublishAsync(user, ticket, TicketEvents.Updated, null, ct);
        return task.Version;
    }

    /// <summary>
    /// Links an existing quote or sales order of the same company and customer that no other ticket has. A ticket has
    /// one quote or one order, never both and never two (also a CHECK constraint and unique indexes in the database).
    /// </summary>
    public async Task<Guid> LinkDocumentAsync(CurrentUser user, long ticketId, DocumentKind kind, int documentId, Guid seenVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadForWriteAsync(db, user, ticketId, seenVersion, ct);
        ticket.EnsureEditable();
        var doc = kind switch
        {
            DocumentKind.Quote => await db.Quotes.AsNoTracking().Where(d => d.Id == documentId).Select(d => new { d.CompanyId, d.CustomerId }).FirstOrDefaultAsync(ct),
            DocumentKind.SalesOrder => await db.SalesOrders.AsNoTracking().Where(d => d.Id == documentId).Select(d => new { d.CompanyId, d.CustomerId }).FirstOrDefaultAsync(ct),
            _ => throw new BusinessRuleException(TicketMessages.TicketDocumentKindInvalid),
        };
        if (doc is null || doc.CompanyId != ticket.CompanyId) throw new NotFoundException(Messages.CommercialDocumentNotFound);
        if (doc.CustomerId != ticket.CustomerId) throw new BusinessRuleException(TicketMessages.TicketDocumentOfOtherCustomer);
        var taken = kind == DocumentKind.Quote
            ? await db.Tickets.AnyAsync(t => t.QuoteId == documentId && t.Id != ticketId, ct)
            : await db.Tickets.AnyAsync(t => t.SalesOrderId == documentId && t.Id != ticketId, ct);
        if (taken) throw new BusinessRuleException(TicketMessages.TicketDocumentTaken);
        var before = Raw(ticket);
        ticket.LinkDocument(kind, documentId);
        await RecordChangesAsync(db, user, ticket, before, ct);
        await SaveAsync(db, user, ticket, ct);
        await AfterCommitAsync(user, ticket, TicketEvents.Updated, null, ct, before);
        return ticket.Version;
    }

    /// <summary>Creates a quote or sales order with items for the ticket's customer and links it, in one transaction.</summary>
    public async Task<(int DocumentId, Guid Version)> CreateDocumentAsync(CurrentUser user, long ticketId, TicketDocumentInput input, Guid seenVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        await documentValidator.EnsureValidAsync(input, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadForWriteAsync(db, user, ticketId, seenVersion, ct);
        ticket.EnsureEditable();
        if (ticket.QuoteId is not null || ticket.SalesOrderId is not null) throw new BusinessRuleException(TicketMessages.TicketAlreadyHasDocument);
        var codes = input.Items.Select(i => i.ProductCode.Trim()).Distinct().ToList();
        var products = await db.Products.AsNoTracking().Where(p => p.CompanyId == ticket.CompanyId && p.IsActive && codes.Contains(p.Code))
            .ToDictionaryAsync(p => p.Code, p => p.Id, ct);
        var unknown = codes.FirstOrDefault(c => !products.ContainsKey(c));
        if (unknown is not null) throw new BusinessRuleException(Messages.Format(nameof(Messages.ProductCodeUnknown), unknown));
        var productIds = input.Items.Select(i => products[i.ProductCode.Trim()]).ToList();
        var today = DateOnly.FromDateTime(Now);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var code = await FreeCodeAsync(db, ticket, input.Kind, ct);
        CommercialDocument document;
        if (input.Kind == DocumentKind.Quote)
        {
            var quote = Quote.Create();
            quote.Apply(ticket.CompanyId, ticket.CustomerId, new QuoteInput { ExternalCode = code, IssueDate = today, ValidUntil = input.Date, Items = input.Items }, productIds);
            db.Quotes.Add(quote);
            document = quote;
        }
        else
        {
            var order = SalesOrder.Create();
            order.Apply(ticket.CompanyId, ticket.CustomerId, new SalesOrderInput { ExternalCode = code, IssueDate = today, DeliveryDate = input.Date, Items = input.Items }, productIds);
            db.SalesOrders.Add(order);
            document = order;
        }
        await db.SaveChangesAsync(ct);
        var before = Raw(ticket);
        ticket.LinkDocument(input.Kind, document.Id);
        await RecordChangesAsync(db, user, ticket, before, ct);
        await SaveAsync(db, user, ticket, ct);
        await tx.CommitAsync(ct);
        await AfterCommitAsync(user, ticket, TicketEvents.Updated, null, ct, before);
        return (document.Id, ticket.Version);
    }

    /// <summary>Removes the link to the quote/order (the document itself stays in the ERP data).</summary>
    public async Task<Guid> UnlinkDocumentAsync(CurrentUser user, long ticketId, Guid seenVersion, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ticket = await LoadForWriteAsync(db, user, ticketId, seenVersion, ct);
        ticket.EnsureEditable();
        if (ticket.QuoteId is null && ticket.SalesOrderId is null) return ticket.Version;
        var before = Raw(ticket);
        ticket.UnlinkDocument();
        await RecordChangesAsync(db, user, ticket, before, ct);
        await SaveAsync(db, user, ticket, ct);
        await AfterCommitAsync(user, ticket, TicketEvents.Updated, null, ct, before);
        return ticket.Version;
    }

    /// <summary>Quotes and orders of the ticket's customer that no ticket has yet (for "link existing").</summary>
    public async Task<IReadOnlyList<TicketDocumentLink>> LinkableDocumentsAsync(CurrentUser user, long ticketId, DocumentKind kind, CancellationToken ct = default)
    {
        var ticket = await GetAsync(user, ticketId, ct);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return kind == DocumentKind.Quote
            ? await db.Quotes.AsNoTracking().Where(d => d.CompanyId == ticket.CompanyId && d.CustomerId == ticket.CustomerId && !db.Tickets.Any(t => t.QuoteId == d.Id))
                .OrderByDescending(d => d.IssueDate).Take(100).Select(d => new TicketDocumentLink(DocumentKind.Quote, d.Id, d.ExternalCode, d.IssueDate, d.Total)).ToListAsync(ct)
            : await db.SalesOrders.AsNoTracking().Where(d => d.CompanyId == ticket.CompanyId && d.CustomerId == ticket.CustomerId && !db.Tickets.Any(t => t.SalesOrderId == d.Id))
                .OrderByDescending(d => d.IssueDate).Take(100).Select(d => new TicketDocumentLink(DocumentKind.SalesOrder, d.Id, d.ExternalCode, d.IssueDate, d.Total)).ToListAsync(ct);
    }

    private async Task<Ticket> LoadForTaskAsync(FoccoDbContext db, CurrentUser user, long ticketId, CancellationToken ct)
    {
        user.EnsureCanEditTickets();
        var companyId = await CompanyOfAsync(db, user, ticketId, ct);
        var visible = await VisibleAsync(db, user, companyId, ct);
        if (!await visible.AnyAsync(t => t.Id == ticketId, ct)) throw new NotFoundException(TicketMessages.TicketNotFound);
        var ticket = await db.Tickets.AsTracking().FirstAsync(t => t.Id == ticketId, ct);
        ticket.EnsureEditable();
        return ticket;
    }

    private async Task<TicketTaskRow?> TaskRowAsync(CurrentUser user, long ticketId, long taskId, CancellationToken ct) =>
        (await GetAsync(user, ticketId, ct)).Tasks.FirstOrDefault(k => k.Id == taskId);

    private static async Task<string> TaskTextAsync(FoccoDbContext db, TicketTask task, CancellationToken ct)
    {
        var who = await db.Users.Where(u => u.Id == task.ResponsibleId).Select(u => u.FullName).FirstOrDefaultAsync(ct) ?? task.ResponsibleId;
        var text = $"{Iso(task.DueAtUtc)} · {who} · {task.Description}";
        return task.Result is null ? text : text + " → " + task.Result;
    }

    /// <summary>"CH-123" (or "CH-123-2", ...) free among the company's quotes/orders.</summary>
    private static async Task<string> FreeCodeAsync(FoccoDbContext db, Ticket ticket, DocumentKind kind, CancellationToken ct)
    {
        var prefix = "CH-" + ticket.Number.ToString(CultureInfo.InvariantCulture);
        var taken = kind == DocumentKind.Quote
            ? await db.Quotes.Where(d => d.CompanyId == ticket.CompanyId && d.ExternalCode.StartsWith(prefix)).Select(d => d.ExternalCode).ToListAsync(ct)
            : await db.SalesOrders.Where(d => d.CompanyId == ticket.CompanyId && d.ExternalCode.StartsWith(prefix)).Select(d => d.ExternalCode).ToListAsync(ct);
        if (!taken.Contains(prefix)) return prefix;
        for (var i = 2; ; i++)
            if (!taken.Contains($"{prefix}-{i}")) return $"{prefix}-{i}";
    }
}

using System.Linq.Expressions;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Commercial;

/// <summary>
/// Read side of the ERP's commercial data: paged lists of one company (filter, sort, count and totals in SQL), document
/// details and a customer's summary. Representatives only see the documents of the customers they represent.
/// </summary>
public sealed class CommercialService(IDbContextFactory<FoccoDbContext> dbFactory, TimeProvider clock)
{
    /// <summary>The most rows one call returns (the export of a filter is capped here).</summary>
    public const int MaxRows = 10_000;

    public DateOnly Today => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);

    public async Task<PagedResult<ProductRow>> ListProductsAsync(CurrentUser user, int companyId, CommercialQuery query, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = db.Products.AsNoTracking().Where(p => p.CompanyId == companyId);
        if (!query.IncludeInactive) q = q.Where(p => p.IsActive);
        if (Like(query.Search) is { } like) q = q.Where(p => EF.Functions.Like(p.Code, like) || EF.Functions.Like(p.Description, like) || EF.Functions.Like(p.Group!, like));
        var total = await q.CountAsync(ct);
        var sorted = (query.Sort, query.Descending) switch
        {
            (CommercialSort.Description, false) => q.OrderBy(p => p.Description),
            (CommercialSort.Description, true) => q.OrderByDescending(p => p.Description),
            (CommercialSort.Price, false) => q.OrderBy(p => p.Price),
            (CommercialSort.Price, true) => q.OrderByDescending(p => p.Price),
            (_, true) when query.Sort == CommercialSort.Code => q.OrderByDescending(p => p.Code),
            _ => q.OrderBy(p => p.Code),
        };
        var items = await sorted.ThenBy(p => p.Id).Skip(Math.Max(0, query.Skip)).Take(Take(query))
            .Select(p => new ProductRow(p.Id, p.Code, p.Description, p.Unit, p.Group, p.Price, p.IsActive)).ToListAsync(ct);
        return new PagedResult<ProductRow>(items, total);
    }

    public async Task<PagedResult<DocumentRow>> ListDocumentsAsync(CurrentUser user, int companyId, DocumentKind kind, CommercialQuery query, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return kind switch
        {
            DocumentKind.Quote => await PageAsync(await DocumentsAsync(db, db.Quotes, user, companyId, query, ct), query, QuoteRow, ct),
            DocumentKind.SalesOrder => await PageAsync(await DocumentsAsync(db, db.SalesOrders, user, companyId, query, ct), query, OrderRow, ct),
            _ => await PageAsync(await DocumentsAsync(db, db.Invoices, user, companyId, query, ct), query, InvoiceRow(db), ct),
        };
    }

    /// <summary>A document with its items; <see cref="NotFoundException"/> when it is not in the company or not visible to the user.</summary>
    public async Task<DocumentDetail> GetDocumentAsync(CurrentUser user, int companyId, DocumentKind kind, int id, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var all = new CommercialQuery();
        DocumentRow? header;
        IQueryable<DocumentLine> lines;
        switch (kind)
        {
            case DocumentKind.Quote:
                header = await (await DocumentsAsync(db, db.Quotes, user, companyId, all, ct)).Where(d => d.Id == id).Select(QuoteRow).FirstOrDefaultAsync(ct);
                lines = db.QuoteItems.Where(i => i.QuoteId == id);
                break;
            case DocumentKind.SalesOrder:
                header = await (await DocumentsAsync(db, db.SalesOrders, user, companyId, all, ct)).Where(d => d.Id == id).Select(OrderRow).FirstOrDefaultAsync(ct);
                lines = db.SalesOrderItems.Where(i => i.SalesOrderId == id);
                break;
            default:
                header = await (await DocumentsAsync(db, db.Invoices, user, companyId, all, ct)).Where(d => d.Id == id).Select(InvoiceRow(db)).FirstOrDefaultAsync(ct);
                lines = db.InvoiceItems.Where(i => i.InvoiceId == id);
                break;
        }
        if (header is null) throw new NotFoundException(Messages.CommercialDocumentNotFound);
        var items = await lines.AsNoTracking().OrderBy(i => i.LineNumber)
            .Select(i => new DocumentItemRow(i.LineNumber, i.Product.Code, i.Product.Description, i.Product.Unit, i.Quantity, i.UnitPrice, i.Total)).ToListAsync(ct);
        return new DocumentDetail(header, items);
    }

    public async Task<ReceivablePage> ListReceivablesAsync(CurrentUser user, int companyId, CommercialQuery query, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var today = Today;
        var q = await ScopeAsync(db, db.Receivables.AsNoTracking().Where(r => r.CompanyId == companyId), r => r.CustomerId, user, ct);
        if (query.CustomerId is int customerId) q = q.Where(r => r.CustomerId == customerId);
        if (query.From is { } from) q = q.Where(r => r.DueDate >= from);
        if (query.To is { } to) q = q.Where(r => r.DueDate <= to);
        if (query.ReceivableStatus is { } status) q = q.Where(Receivable.HasStatus(status, today));
        if (Like(query.Search) is { } like) q = q.Where(r => EF.Functions.Like(r.Document, like) || EF.Functions.Like(r.Customer.Name, like) || EF.Functions.Like(r.Customer.TradeName!, like));

        var totals = await q.GroupBy(_ => 1).Select(g => new
        {
            Count = g.Count(),
            Amount = g.Sum(r => r.Amount),
            Paid = g.Sum(r => r.PaidAmount),
            OpenAmount = g.Where(r => r.PaidAmount < r.Amount).Sum(r => r.Amount) - g.Where(r => r.PaidAmount < r.Amount).Sum(r => r.PaidAmount),
            OverdueAmount = g.Where(r => r.PaidAmount < r.Amount && r.DueDate < today).Sum(r => r.Amount) - g.Where(r => r.PaidAmount < r.Amount && r.DueDate < today).Sum(r => r.PaidAmount),
        }).FirstOrDefaultAsync(ct);

        var sorted = (query.Sort, query.Descending) switch
        {
            (CommercialSort.Total, false) => q.OrderBy(r => r.Amount),
            (CommercialSort.Total, true) => q.OrderByDescending(r => r.Amount),
            (CommercialSort.Customer, false) => q.OrderBy(r => r.Customer.Name),
            (CommercialSort.Customer, true) => q.OrderByDescending(r => r.Customer.Name),
            (CommercialSort.Code, false) => q.OrderBy(r => r.Document).ThenBy(r => r.Installment),
            (CommercialSort.Code, true) => q.OrderByDescending(r => r.Document).ThenBy(r => r.Installment),
            (_, false) => q.OrderBy(r => r.DueDate),
            _ => q.OrderByDescending(r => r.DueDate),
        };
        var items = await sorted.ThenBy(r => r.Id).Skip(Math.Max(0, query.Skip)).Take(Take(query))
            .Select(r => new ReceivableRow(r.Id, r.Document, r.Installment, r.CustomerId, r.Customer.Name, r.IssueDate, r.DueDate, r.Amount, r.PaidAmount, r.PaidDate,
                r.PaidAmount >= r.Amount ? ReceivableStatus.Paid : r.DueDate < today ? ReceivableStatus.Overdue : ReceivableStatus.Open))
            .ToListAsync(ct);
        return new ReceivablePage(items, totals?.Count ?? 0,
            new ReceivableTotals(totals?.Amount ?? 0, totals?.Paid ?? 0, totals?.OpenAmount ?? 0, totals?.OverdueAmount ?? 0));
    }

    public async Task<PagedResult<ContractRow>> ListContractsAsync(CurrentUser user, int companyId, CommercialQuery query, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var q = await ScopeAsync(db, db.Contracts.AsNoTracking().Where(c => c.CompanyId == companyId), c => c.CustomerId, user, ct);
        if (query.CustomerId is int customerId) q = q.Where(c => c.CustomerId == customerId);
        if (query.ContractStatus is { } status) q = q.Where(c => c.Status == status);
        if (query.From is { } from) q = q.Where(c => c.StartDate >= from);
        if (query.To is { } to) q = q.Where(c => c.StartDate <= to);
        if (Like(query.Search) is { } like) q = q.Where(c => EF.Functions.Like(c.ExternalCode, like) || EF.Functions.Like(c.Description, like) || EF.Functions.Like(c.Customer.Name, like));
        var total = await q.CountAsync(ct);
        var sorted = (query.Sort, query.Descending) switch
        {
            (CommercialSort.Total, false) => q.OrderBy(c => c.Value),
            (CommercialSort.Total, true) => q.OrderByDescending(c => c.Value),
            (CommercialSort.Customer, false) => q.OrderBy(c => c.Customer.Name),
            (CommercialSort.Customer, true) => q.OrderByDescending(c => c.Customer.Name),
            (CommercialSort.Code, false) => q.OrderBy(c => c.ExternalCode),
            (CommercialSort.Code, true) => q.OrderByDescending(c => c.ExternalCode),
            (_, false) => q.OrderBy(c => c.StartDate),
            _ => q.OrderByDescending(c => c.StartDate),
        };
        var items = await sorted.ThenBy(c => c.Id).Skip(Math.Max(0, query.Skip)).Take(Take(query))
            .Select(c => new ContractRow(c.Id, c.ExternalCode, c.CustomerId, c.Customer.Name, c.Product == null ? null : c.Product.Code, c.Description,
                c.StartDate, c.EndDate, c.Value, c.Status)).ToListAsync(ct);
        return new PagedResult<ContractRow>(items, total);
    }

    /// <summary>
    /// A customer in one company: invoiced in the last 12 months, open and overdue amounts, and punctuality
    /// (average days late of the installments paid late or still overdue).
    /// </summary>
    public async Task<CustomerCommercialSummary> SummaryAsync(CurrentUser user, int companyId, int customerId, CancellationToken ct = default)
    {
        user.EnsureAccess(companyId);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var visible = await PersonService.VisibleAsync(db, user, ct);
        if (!await visible.AnyAsync(p => p.Id == customerId, ct)) throw new NotFoundException(Messages.PersonNotFound);
        var today = Today;
        var yearAgo = today.AddMonths(-12);
        var invoices = db.Invoices.AsNoTracking().Where(i => i.CompanyId == companyId && i.CustomerId == customerId && i.IssueDate > yearAgo);
        var purchased = await invoices.SumAsync(i => i.Total, ct);
        var invoiceCount = await invoices.CountAsync(ct);
        var receivables = db.Receivables.AsNoTracking().Where(r => r.CompanyId == companyId && r.CustomerId == customerId);
        var unpaid = receivables.Where(r => r.PaidAmount < r.Amount);
        var open = await unpaid.SumAsync(r => r.Amount, ct) - await unpaid.SumAsync(r => r.PaidAmount, ct);
        var overdueQ = unpaid.Where(r => r.DueDate < today);
        var overdue = await overdueQ.SumAsync(r => r.Amount, ct) - await overdueQ.SumAsync(r => r.PaidAmount, ct);
        var overdueCount = await overdueQ.CountAsync(ct);
        // Days late of each installment that was paid late, or is overdue now (counted until today).
        var late = await receivables
            .Where(r => (r.PaidDate != null && r.PaidDate > r.DueDate && r.PaidAmount >= r.Amount) || (r.PaidAmount < r.Amount && r.DueDate < today))
            .Select(r => new { r.DueDate, r.PaidDate, Paid = r.PaidAmount >= r.Amount }).ToListAsync(ct);
        var settled = await receivables.CountAsync(r => r.PaidAmount >= r.Amount || r.DueDate < today, ct);
        double? averageDaysLate = settled == 0 ? null
            : late.Sum(r => (r.Paid && r.PaidDate is { } paid ? paid : today).DayNumber - r.DueDate.DayNumber) / (double)settled;
        var contracts = await db.Contracts.CountAsync(c => c.CompanyId == companyId && c.CustomerId == customerId && c.Status == ContractStatus.Active, ct);
        return new CustomerCommercialSummary(purchased, invoiceCount, open, overdue, overdueCount, averageDaysLate, contracts);
    }

    private static int Take(CommercialQuery query) => Math.Clamp(query.Take, 1, MaxRows);

    private static string? Like(string? search) => string.IsNullOrWhiteSpace(search) ? null : $"%{search.Trim()}%";

    /// <summary>Representatives: only the records of customers they may see (still SQL).</summary>
    private static async Task<IQueryable<T>> ScopeAsync<T>(FoccoDbContext db, IQueryable<T> q, Expression<Func<T, int>> customerId, CurrentUser user, CancellationToken ct)
    {
        if (!user.SeesOnlyAssignedCustomers()) return q;
        var visibleIds = (await PersonService.VisibleAsync(db, user, ct)).Select(p => p.Id);
        var param = customerId.Parameters[0];
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], visibleIds.Expression, customerId.Body);
        return q.Where(Expression.Lambda<Func<T, bool>>(contains, param));
    }

    private static async Task<IQueryable<TDoc>> DocumentsAsync<TDoc>(FoccoDbContext db, IQueryable<TDoc> source, CurrentUser user, int companyId,
        CommercialQuery query, CancellationToken ct) where TDoc : CommercialDocument
    {
        var q = await ScopeAsync(db, source.AsNoTracking().Where(d => d.CompanyId == companyId), d => d.CustomerId, user, ct);
        if (query.CustomerId is int customerId) q = q.Where(d => d.CustomerId == customerId);
        if (query.From is { } from) q = q.Where(d => d.IssueDate >= from);
        if (query.To is { } to) q = q.Where(d => d.IssueDate <= to);
        if (Like(query.Search) is { } like) q = q.Where(d => EF.Functions.Like(d.ExternalCode, like) || EF.Functions.Like(d.Customer.Name, like) || EF.Functions.Like(d.Customer.TradeName!, like));
        return q;
    }

    private static async Task<PagedResult<DocumentRow>> PageAsync<TDoc>(IQueryable<TDoc> q, CommercialQuery query, Expression<Func<TDoc, DocumentRow>> select, CancellationToken ct)
        where TDoc : CommercialDocument
    {
        var total = await q.CountAsync(ct);
        var sorted = (query.Sort, query.Descending) switch
        {
            (CommercialSort.Total, false) => q.OrderBy(d => d.Total),
            (CommercialSort.Total, true) => q.OrderByDescending(d => d.Total),
            (CommercialSort.Customer, false) => q.OrderBy(d => d.Customer.Name),
            (CommercialSort.Customer, true) => q.OrderByDescending(d => d.Customer.Name),
            (CommercialSort.Code, false) => q.OrderBy(d => d.ExternalCode),
            (CommercialSort.Code, true) => q.OrderByDescending(d => d.ExternalCode),
            (_, false) => q.OrderBy(d => d.IssueDate),
            _ => q.OrderByDescending(d => d.IssueDate),
        };
        var items = await sorted.ThenByDescending(d => d.Id).Skip(Math.Max(0, query.Skip)).Take(Take(query)).Select(select).ToListAsync(ct);
        return new PagedResult<DocumentRow>(items, total);
    }

    private static readonly Expression<Func<Quote, DocumentRow>> QuoteRow = d => new DocumentRow(d.Id, DocumentKind.Quote, d.ExternalCode, d.CustomerId,
        d.Customer.Name, d.Customer.ExternalCode, d.IssueDate, d.ValidUntil, d.Total, d.Items.Count, null, null, null, null);

    private static readonly Expression<Func<SalesOrder, DocumentRow>> OrderRow = d => new DocumentRow(d.Id, DocumentKind.SalesOrder, d.ExternalCode, d.CustomerId,
        d.Customer.Name, d.Customer.ExternalCode, d.IssueDate, d.DeliveryDate, d.Total, d.Items.Count, null, null, null, null);

    private static Expression<Func<Invoice, DocumentRow>> InvoiceRow(FoccoDbContext db) => d => new DocumentRow(d.Id, DocumentKind.Invoice, d.ExternalCode, d.CustomerId,
        d.Customer.Name, d.Customer.ExternalCode, d.IssueDate, null, d.Total, d.Items.Count, d.Number, d.Series, d.AccessKey,
        db.SalesOrders.Where(o => o.Id == d.OrderId).Select(o => o.ExternalCode).FirstOrDefault());
}

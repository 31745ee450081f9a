using FluentValidation;
using FluentValidation.Results;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Commercial;

/// <summary>
/// Batch upserts of the ERP's commercial data (import and API). Every row is validated first (its validator, references
/// to customers/products/orders, keys repeated in the batch); if any row fails a <see cref="ValidationException"/> names
/// each failure as "[index].Field" and nothing is written. Otherwise rows are inserted or updated by their ERP key in one
/// transaction (items of a document are replaced). References and existing records are read in chunks, never per row;
/// <c>progress</c> (optional) receives the number of rows written after each chunk, for the import screen.
/// </summary>
public sealed class CommercialUpsertService(
    IDbContextFactory<FoccoDbContext> dbFactory,
    IValidator<ProductInput> productValidator,
    IValidator<QuoteInput> quoteValidator,
    IValidator<SalesOrderInput> orderValidator,
    IValidator<InvoiceInput> invoiceValidator,
    IValidator<ReceivableInput> receivableValidator,
    IValidator<ContractInput> contractValidator)
{
    private const int Chunk = 2000;

    public Task<UpsertResult> UpsertProductsAsync(CurrentUser user, int companyId, IReadOnlyList<ProductInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, productValidator, new Kind<ProductInput, Product>(
            Key: r => r.Code.Trim(), KeyField: nameof(ProductInput.Code),
            References: _ => [],
            Existing: (db, keys) => db.Products.Where(p => p.CompanyId == companyId && keys.Contains(p.Code)),
            EntityKey: p => p.Code,
            Create: r => Product.Create(companyId, r),
            Apply: (p, r, _) => p.Apply(r)), ct, progress);

    public Task<UpsertResult> UpsertQuotesAsync(CurrentUser user, int companyId, IReadOnlyList<QuoteInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, quoteValidator, new Kind<QuoteInput, Quote>(
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(DocumentInput.ExternalCode),
            References: DocumentReferences,
            Existing: (db, keys) => db.Quotes.Include(x => x.Items).Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => Quote.Create(),
            Apply: (x, r, refs) => x.Apply(companyId, refs.Customer(r.CustomerCode), r, refs.Products(r.Items))), ct, progress);

    public Task<UpsertResult> UpsertSalesOrdersAsync(CurrentUser user, int companyId, IReadOnlyList<SalesOrderInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, orderValidator, new Kind<SalesOrderInput, SalesOrder>(
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(DocumentInput.ExternalCode),
            References: DocumentReferences,
            Existing: (db, keys) => db.SalesOrders.Include(x => x.Items).Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => SalesOrder.Create(),
            Apply: (x, r, refs) => x.Apply(companyId, refs.Customer(r.CustomerCode), r, refs.Products(r.Items))), ct, progress);

    public Task<UpsertResult> UpsertInvoicesAsync(CurrentUser user, int companyId, IReadOnlyList<InvoiceInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, invoiceValidator, new Kind<InvoiceInput, Invoice>(
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(DocumentInput.ExternalCode),
            References: r => DocumentReferences(r).Concat(string.IsNullOrWhiteSpace(r.OrderCode) ? [] : [new Ref(RefKind.Order, nameof(InvoiceInput.OrderCode), r.OrderCode.Trim())]),
            Existing: (db, keys) => db.Invoices.Include(x => x.Items).Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => Invoice.Create(),
            Apply: (x, r, refs) => x.Apply(companyId, refs.Customer(r.CustomerCode), refs.Order(r.OrderCode), r, refs.Products(r.Items))), ct, progress);

    public Task<UpsertResult> UpsertReceivablesAsync(CurrentUser user, int companyId, IReadOnlyList<ReceivableInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, receivableValidator, new Kind<ReceivableInput, Receivable>(
            Key: r => ReceivableKey(r.Document.Trim(), r.Installment), KeyField: nameof(ReceivableInput.Document),
            References: r => [new Ref(RefKind.Customer, nameof(ReceivableInput.CustomerCode), r.CustomerCode.Trim())],
            Existing: (db, keys) =>
            {
                var documents = keys.Select(k => k[..k.LastIndexOf('/')]).Distinct().ToList();
                return db.Receivables.Where(x => x.CompanyId == companyId && documents.Contains(x.Document));
            },
            EntityKey: x => ReceivableKey(x.Document, x.Installment),
            Create: _ => Receivable.Create(companyId),
            Apply: (x, r, refs) => x.Apply(refs.Customer(r.CustomerCode), r)), ct, progress);

    public Task<UpsertResult> UpsertContractsAsync(CurrentUser user, int companyId, IReadOnlyList<ContractInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, contractValidator, new Kind<ContractInput, Contract>(
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(ContractInput.ExternalCode),
            References: r => string.IsNullOrWhiteSpace(r.ProductCode)
                ? [new Ref(RefKind.Customer, nameof(ContractInput.CustomerCode), r.CustomerCode.Trim())]
                : [new Ref(RefKind.Customer, nameof(ContractInput.CustomerCode), r.CustomerCode.Trim()), new Ref(RefKind.Product, nameof(ContractInput.ProductCode), r.ProductCode.Trim())],
            Existing: (db, keys) => db.Contracts.Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => Contract.Create(companyId),
            Apply: (x, r, refs) => x.Apply(refs.Customer(r.CustomerCode), string.IsNullOrWhiteSpace(r.ProductCode) ? null : refs.Product(r.ProductCode), r)), ct, progress);

    /// <summary>Only administrators and managers (of the company) load ERP data.</summary>
    public static bool CanLoad(CurrentUser user) => user.IsAdministrator || user.IsManager;

    private static string ReceivableKey(string document, int installment) => $"{document}/{installment}";

    private static IEnumerable<Ref> DocumentReferences(DocumentInput r) =>
        r.Items.Select((it, i) => new Ref(RefKind.Product, $"{nameof(DocumentInput.Items)}[{i}].{nameof(DocumentItemInput.ProductCode)}", (it.ProductCode ?? "").Trim()))
            .Prepend(new Ref(RefKind.Customer, nameof(DocumentInput.CustomerCode), (r.CustomerCode ?? "").Trim()));

    private enum RefKind { Customer, Product, Order }

    private sealed record Ref(RefKind Kind, string Field, string Code);

    private sealed record Kind<TInput, TEntity>(
        Func<TInput, string> Key,
        string KeyField,
        Func<TInput, IEnumerable<Ref>> References,
        Func<FoccoDbContext, List<string>, IQueryable<TEntity>> Existing,
        Func<TEntity, string> EntityKey,
        Func<TInput, TEntity> Create,
        Action<TEntity, TInput, Refs> Apply) where TEntity : class;

    /// <summary>Codes resolved to ids, one dictionary per kind.</summary>
    private sealed class Refs
    {
        public Dictionary<string, int> Customers { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> ProductIds { get; } = new(StringComparer.Ordinal);
        public Dictionary<string, int> Orders { get; } = new(StringComparer.Ordinal);

        public Dictionary<string, int> Of(RefKind kind) => kind switch { RefKind.Customer => Customers, RefKind.Product => ProductIds, _ => Orders };
        public int Customer(string code) => Customers[code.Trim()];
        public int Product(string code) => ProductIds[code.Trim()];
        public int? Order(string? code) => string.IsNullOrWhiteSpace(code) ? null : Orders[code.Trim()];
        public IReadOnlyList<int> Products(IEnumerable<DocumentItemInput> items) => items.Select(i => Product(i.ProductCode)).ToList();
    }

    private sealed record CodeId(string Code, int Id);

    private async Task<UpsertResult> RunAsync<TInput, TEntity>(CurrentUser user, int companyId, IReadOnlyList<TInput> rows,
        IValidator<TInput> validator, Kind<TInput, TEntity> kind, CancellationToken ct, IProgress<int>? progress) where TEntity : class
    {
        if (!CanLoad(user)) throw new ForbiddenException(Messages.CommercialImportManagersOnly);
        user.EnsureAccess(companyId);
        ArgumentNullException.ThrowIfNull(rows);

        // 1. Each row on its own, and keys repeated in the batch.
        var failures = new List<ValidationFailure>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null) { failures.Add(new ValidationFailure($"[{i}]", Messages.ItemsRequired)); continue; }
            var result = validator.Validate(row);
            foreach (var f in result.Errors) failures.Add(new ValidationFailure($"[{i}].{f.PropertyName}", f.ErrorMessage, f.AttemptedValue));
            if (!result.IsValid) continue;
            var key = kind.Key(row);
            if (!seen.TryAdd(key, i)) failures.Add(new ValidationFailure($"[{i}].{kind.KeyField}", Messages.Format(nameof(Messages.DuplicateInBatch), key), key));
        }

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        db.ChangeTracker.AutoDetectChangesEnabled = false;

        // 2. References: every code the batch names, resolved in chunks.
        var refs = new Refs();
        var failed = failures.Select(f => RowOf(f.PropertyName)).ToHashSet();
        var valid = Enumerable.Range(0, rows.Count).Where(i => !failed.Contains(i)).ToList();
        var wanted = valid.SelectMany(i => kind.References(rows[i]).Select(r => (Index: i, Ref: r))).ToList();
        foreach (var group in wanted.GroupBy(w => w.Ref.Kind))
        {
            var codes = group.Select(w => w.Ref.Code).Where(c => c.Length > 0).Distinct().ToList();
            var map = refs.Of(group.Key);
            foreach (var chunk in codes.Chunk(Chunk))
            {
                var list = chunk.ToList();
                IQueryable<CodeId> q = group.Key switch
                {
                    RefKind.Customer => db.Persons.Where(p => p.ExternalCode != null && list.Contains(p.ExternalCode)).Select(p => new CodeId(p.ExternalCode!, p.Id)),
                    RefKind.Product => db.Products.Where(p => p.CompanyId == companyId && list.Contains(p.Code)).Select(p => new CodeId(p.Code, p.Id)),
                    _ => db.SalesOrders.Where(o => o.CompanyId == companyId && list.Contains(o.ExternalCode)).Select(o => new CodeId(o.ExternalCode, o.Id)),
                };
                foreach (var x in await q.AsNoTracking().ToListAsync(ct)) map[x.Code] = x.Id;
            }
            foreach (var (index, r) in group)
                if (!map.ContainsKey(r.Code))
                    failures.Add(new ValidationFailure($"[{index}].{r.Field}", Messages.Format(r.Kind switch
                    {
                        RefKind.Customer => nameof(Messages.CustomerCodeUnknown),
                        RefKind.Product => nameof(Messages.ProductCodeUnknown),
                        _ => nameof(Messages.OrderCodeUnknown),
                    }, r.Code), r.Code));
        }
        if (failures.Count > 0) throw new ValidationException(failures.OrderBy(f => RowOf(f.PropertyName)).ToList());

        // 3. Write: all or nothing.
        var inserted = 0;
        var updated = 0;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var chunk in rows.Chunk(Chunk))
        {
            var keys = chunk.Select(kind.Key).ToList();
            var existing = (await kind.Existing(db, keys).ToListAsync(ct)).ToDictionary(kind.EntityKey, StringComparer.Ordinal);
            foreach (var row in chunk)
            {
                if (existing.TryGetValue(kind.Key(row), out var entity)) updated++;
                else { entity = kind.Create(row); db.Add(entity); inserted++; }
                kind.Apply(entity, row, refs);
            }
            // Detect changes once per chunk (not per Add); on during the save so the stamped Version of updated rows is seen.
            db.ChangeTracker.AutoDetectChangesEnabled = true;
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            db.ChangeTracker.Clear();
            progress?.Report(inserted + updated);
        }
        await tx.CommitAsync(ct);
        return new UpsertResult(inserted, updated);
    }

    private static int RowOf(string propertyName) =>
        propertyName.Length > 1 && propertyName[0] == '[' && int.TryParse(propertyName.AsSpan(1, propertyName.IndexOf(']') - 1), out var i) ? i : -1;
}

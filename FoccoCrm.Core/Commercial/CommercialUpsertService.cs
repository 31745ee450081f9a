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
        RunAsync(user, companyId, rows, Products(companyId), ct, progress);

    public Task<UpsertResult> UpsertQuotesAsync(CurrentUser user, int companyId, IReadOnlyList<QuoteInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, Quotes(companyId), ct, progress);

    public Task<UpsertResult> UpsertSalesOrdersAsync(CurrentUser user, int companyId, IReadOnlyList<SalesOrderInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, SalesOrders(companyId), ct, progress);

    public Task<UpsertResult> UpsertInvoicesAsync(CurrentUser user, int companyId, IReadOnlyList<InvoiceInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, Invoices(companyId), ct, progress);

    public Task<UpsertResult> UpsertReceivablesAsync(CurrentUser user, int companyId, IReadOnlyList<ReceivableInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, Receivables(companyId), ct, progress);

    public Task<UpsertResult> UpsertContractsAsync(CurrentUser user, int companyId, IReadOnlyList<ContractInput> rows, CancellationToken ct = default, IProgress<int>? progress = null) =>
        RunAsync(user, companyId, rows, Contracts(companyId), ct, progress);

    private Kind<ProductInput, Product> Products(int companyId) => new(companyId, productValidator,
            Key: r => r.Code.Trim(), KeyField: nameof(ProductInput.Code),
            References: _ => [],
            Existing: (db, keys) => db.Products.Where(p => p.CompanyId == companyId && keys.Contains(p.Code)),
            EntityKey: p => p.Code,
            Create: r => Product.Create(companyId, r),
            Apply: (p, r, _) => p.Apply(r));

    private Kind<QuoteInput, Quote> Quotes(int companyId) => new(companyId, quoteValidator,
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(DocumentInput.ExternalCode),
            References: DocumentReferences,
            Existing: (db, keys) => db.Quotes.Include(x => x.Items).Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => Quote.Create(),
            Apply: (x, r, refs) => x.Apply(companyId, refs.Customer(r.CustomerCode), r, refs.Products(r.Items)));

    private Kind<SalesOrderInput, SalesOrder> SalesOrders(int companyId) => new(companyId, orderValidator,
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(DocumentInput.ExternalCode),
            References: DocumentReferences,
            Existing: (db, keys) => db.SalesOrders.Include(x => x.Items).Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => SalesOrder.Create(),
            Apply: (x, r, refs) => x.Apply(companyId, refs.Customer(r.CustomerCode), r, refs.Products(r.Items)));

    private Kind<InvoiceInput, Invoice> Invoices(int companyId) => new(companyId, invoiceValidator,
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(DocumentInput.ExternalCode),
            References: r => DocumentReferences(r).Concat(string.IsNullOrWhiteSpace(r.OrderCode) ? [] : [new Ref(RefKind.Order, nameof(InvoiceInput.OrderCode), r.OrderCode.Trim())]),
            Existing: (db, keys) => db.Invoices.Include(x => x.Items).Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => Invoice.Create(),
            Apply: (x, r, refs) => x.Apply(companyId, refs.Customer(r.CustomerCode), refs.Order(r.OrderCode), r, refs.Products(r.Items)));

    private Kind<ReceivableInput, Receivable> Receivables(int companyId) => new(companyId, receivableValidator,
            Key: r => ReceivableKey(r.Document.Trim(), r.Installment), KeyField: nameof(ReceivableInput.Document),
            References: r => [new Ref(RefKind.Customer, nameof(ReceivableInput.CustomerCode), r.CustomerCode.Trim())],
            Existing: (db, keys) =>
            {
                var documents = keys.Select(k => k[..k.LastIndexOf('/')]).Distinct().ToList();
                return db.Receivables.Where(x => x.CompanyId == companyId && documents.Contains(x.Document));
            },
            EntityKey: x => ReceivableKey(x.Document, x.Installment),
            Create: _ => Receivable.Create(companyId),
            Apply: (x, r, refs) => x.Apply(refs.Customer(r.CustomerCode), r));

    private Kind<ContractInput, Contract> Contracts(int companyId) => new(companyId, contractValidator,
            Key: r => r.ExternalCode.Trim(), KeyField: nameof(ContractInput.ExternalCode),
            References: r => string.IsNullOrWhiteSpace(r.ProductCode)
                ? [new Ref(RefKind.Customer, nameof(ContractInput.CustomerCode), r.CustomerCode.Trim())]
                : [new Ref(RefKind.Customer, nameof(ContractInput.CustomerCode), r.CustomerCode.Trim()), new Ref(RefKind.Product, nameof(ContractInput.ProductCode), r.ProductCode.Trim())],
            Existing: (db, keys) => db.Contracts.Where(x => x.CompanyId == companyId && keys.Contains(x.ExternalCode)),
            EntityKey: x => x.ExternalCode,
            Create: _ => Contract.Create(companyId),
            Apply: (x, r, refs) => x.Apply(refs.Customer(r.CustomerCode), string.IsNullOrWhiteSpace(r.ProductCode) ? null : refs.Product(r.ProductCode), r));
    /// <summary>Only administrators and managers (of the company) load ERP data.</summary>
    public static bool CanLoad(CurrentUser user) => user.IsAdministrator || user.IsManager;

    private static string ReceivableKey(string document, int installment) => $"{document}/{installment}";

    private static IEnumerable<Ref> DocumentReferences(DocumentInput r) =>
        r.Items.Select((it, i) => new Ref(RefKind.Product, $"{nameof(DocumentInput.Items)}[{i}].{nameof(DocumentItemInput.ProductCode)}", (it.ProductCode ?? "").Trim()))
            .Prepend(new Ref(RefKind.Customer, nameof(DocumentInput.CustomerCode), (r.CustomerCode ?? "").Trim()));

    private enum RefKind { Customer, Product, Order }

    private sealed record Ref(RefKind Kind, string Field, string Code);

    private sealed record Kind<TInput, TEntity>(
        int CompanyId,
        IValidator<TInput> Validator,
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

    /// <summary>
    /// For the file import, which runs its own transaction: validates <paramref name="rows"/> against <paramref name="db"/>
    /// (same checks as the upserts, failures named "[index].Field") and, when there are none, writes them with that
    /// context when <see cref="PreparedUpsert.WriteAsync"/> is called. Nothing is written by this call.
    /// </summary>
    public async Task<PreparedUpsert> PrepareAsync<TInput>(FoccoDbContext db, CurrentUser user, int companyId, IReadOnlyList<TInput> rows, CancellationToken ct = default)
        where TInput : class
    {
        EnsureCanLoad(user, companyId);
        ArgumentNullException.ThrowIfNull(rows);
        return typeof(TInput) switch
        {
            var t when t == typeof(ProductInput) => await PrepareAsync(db, (IReadOnlyList<ProductInput>)rows, Products(companyId), ct),
            var t when t == typeof(QuoteInput) => await PrepareAsync(db, (IReadOnlyList<QuoteInput>)rows, Quotes(companyId), ct),
            var t when t == typeof(SalesOrderInput) => await PrepareAsync(db, (IReadOnlyList<SalesOrderInput>)rows, SalesOrders(companyId), ct),
            var t when t == typeof(InvoiceInput) => await PrepareAsync(db, (IReadOnlyList<InvoiceInput>)rows, Invoices(companyId), ct),
            var t when t == typeof(ReceivableInput) => await PrepareAsync(db, (IReadOnlyList<ReceivableInput>)rows, Receivables(companyId), ct),
            var t when t == typeof(ContractInput) => await PrepareAsync(db, (IReadOnlyList<ContractInput>)rows, Contracts(companyId), ct),
            _ => throw new ArgumentException($"No commercial upsert for {typeof(TInput).Name}.", nameof(rows)),
        };
    }

    private static void EnsureCanLoad(CurrentUser user, int companyId)
    {
        if (!CanLoad(user)) throw new ForbiddenException(Messages.CommercialImportManagersOnly);
        user.EnsureAccess(companyId);
    }

    private static async Task<PreparedUpsert> PrepareAsync<TInput, TEntity>(FoccoDbContext db, IReadOnlyList<TInput> rows, Kind<TInput, TEntity> kind,
        CancellationToken ct) where TEntity : class
    {
        var (failures, refs) = await ValidateAsync(db, rows, kind, ct);
        if (failures.Count > 0) return new PreparedUpsert(failures, 0, 0, (_, _) => throw new InvalidOperationException("The batch has errors."));
        // How many rows update a record that exists (for "X new, Y updates" before anything is written).
        var existing = 0;
        foreach (var chunk in rows.Chunk(Chunk))
        {
            var keys = chunk.Select(kind.Key).ToList();
            var found = (await kind.Existing(db, keys).AsNoTracking().ToListAsync(ct)).Select(kind.EntityKey).ToHashSet(StringComparer.Ordinal);
            existing += keys.Count(found.Contains);
        }
        return new PreparedUpsert(failures, rows.Count - existing, existing, (progress, token) => WriteAsync(db, rows, kind, refs, progress, token));
    }

    private async Task<UpsertResult> RunAsync<TInput, TEntity>(CurrentUser user, int companyId, IReadOnlyList<TInput> rows,
        Kind<TInput, TEntity> kind, CancellationToken ct, IProgress<int>? progress) where TEntity : class
    {
        EnsureCanLoad(user, companyId);
        ArgumentNullException.ThrowIfNull(rows);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (failures, refs) = await ValidateAsync(db, rows, kind, ct);
        if (failures.Count > 0) throw new ValidationException(failures);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var result = await WriteAsync(db, rows, kind, refs, progress, ct);
        await tx.CommitAsync(ct);
        return result;
    }

    /// <summary>Each row on its own, keys repeated in the batch, then every code the batch names resolved in chunks.</summary>
    private static async Task<(List<ValidationFailure> Failures, Refs Refs)> ValidateAsync<TInput, TEntity>(FoccoDbContext db, IReadOnlyList<TInput> rows,
        Kind<TInput, TEntity> kind, CancellationToken ct) where TEntity : class
    {
        // 1. Each row on its own, and keys repeated in the batch.
        var failures = new List<ValidationFailure>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (var i = 0; i < rows.Count; i++)
        {
            var row = rows[i];
            if (row is null) { failures.Add(new ValidationFailure($"[{i}]", Messages.ItemsRequired)); continue; }
            var result = kind.Validator.Validate(row);
            foreach (var f in result.Errors) failures.Add(new ValidationFailure($"[{i}].{f.PropertyName}", f.ErrorMessage, f.AttemptedValue));
            if (!result.IsValid) continue;
            var key = kind.Key(row);
            if (!seen.TryAdd(key, i)) failures.Add(new ValidationFailure($"[{i}].{kind.KeyField}", Messages.Format(nameof(Messages.DuplicateInBatch), key), key));
        }

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
                    RefKind.Product => db.Products.Where(p => p.CompanyId == kind.CompanyId && list.Contains(p.Code)).Select(p => new CodeId(p.Code, p.Id)),
                    _ => db.SalesOrders.Where(o => o.CompanyId == kind.CompanyId && list.Contains(o.ExternalCode)).Select(o => new CodeId(o.ExternalCode, o.Id)),
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
        return (failures.OrderBy(f => RowOf(f.PropertyName)).ToList(), refs);
    }

    /// <summary>Inserts or updates every row by its key, a chunk at a time, inside the caller's transaction.</summary>
    private static async Task<UpsertResult> WriteAsync<TInput, TEntity>(FoccoDbContext db, IReadOnlyList<TInput> rows, Kind<TInput, TEntity> kind, Refs refs,
        IProgress<int>? progress, CancellationToken ct) where TEntity : class
    {
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var inserted = 0;
        var updated = 0;
        foreach (var chunk in rows.Chunk(Chunk))
        {
            var keys = chunk.Select(kind.Key).ToList();
            var existing = (await kind.Existing(db, keys).AsTracking().ToListAsync(ct)).ToDictionary(kind.EntityKey, StringComparer.Ordinal);
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
        return new UpsertResult(inserted, updated);
    }

    private static int RowOf(string propertyName) =>
        propertyName.Length > 1 && propertyName[0] == '[' && int.TryParse(propertyName.AsSpan(1, propertyName.IndexOf(']') - 1), out var i) ? i : -1;
}

/// <summary>A batch checked against the database: its failures ("[index].Field"), and the write to run when there are none.</summary>
public sealed record PreparedUpsert(IReadOnlyList<ValidationFailure> Failures, int Inserted, int Updated,
    Func<IProgress<int>?, CancellationToken, Task<UpsertResult>> WriteAsync)
{
    public bool IsValid => Failures.Count == 0;
}

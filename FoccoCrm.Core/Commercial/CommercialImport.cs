using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Commercial;

/// <summary>
/// The ERP's commercial records as import targets (FUTL0130) of the user's current company. File rows become the
/// upsert inputs of <see cref="CommercialUpsertService"/>, which checks them against the database (references, keys
/// repeated) and writes them inside the import's transaction, so a file is written whole or not at all.
/// Quotes, orders and invoices come one row per item: rows with the same document number form one document.
/// </summary>
public abstract class CommercialImportTarget<TRow, TInput>(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<TRow> validator,
    CommercialUpsertService upserts) : ImportTarget<TRow>(dbFactory, validator)
    where TRow : class, new()
    where TInput : class
{
    /// <summary>An upsert input and the file lines it came from: its first line, and the line of each of its items.</summary>
    protected sealed record Built(TInput Input, int Line, IReadOnlyList<int> ItemLines);

    public override bool CanImport(CurrentUser user) => CommercialUpsertService.CanLoad(user);

    /// <summary>The upsert inputs of rows that passed their own checks; rows that do not fit their document get errors.</summary>
    protected abstract List<Built> Build(IReadOnlyList<ImportItem<TRow>> items, ImportErrors errors);

    protected override async Task<ImportPlan> PrepareAsync(FoccoDbContext db, CurrentUser user, IReadOnlyList<ImportItem<TRow>> items, ImportErrors errors,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var companyId = user.CurrentCompanyId ?? throw new ForbiddenException(Messages.NoAccessToCompany);
        for (var i = 0; i < items.Count; i++)
        {
            if (!errors.HasErrors(items[i].Line)) Validate(items[i].Line, items[i].Input, errors);
            Report(progress, ImportStage.Validating, i + 1, items.Count);
        }
        var built = Build(items.Where(i => !errors.HasErrors(i.Line)).ToList(), errors);
        var prepared = await upserts.PrepareAsync(db, user, companyId, built.Select(b => b.Input).ToList(), ct);
        foreach (var failure in prepared.Failures)
        {
            var (index, item, field) = Locate(failure.PropertyName);
            if (index < 0 || index >= built.Count) continue;
            var b = built[index];
            var line = item is int k && k < b.ItemLines.Count ? b.ItemLines[k] : b.Line;
            if (!errors.HasErrors(line, field)) errors.Add(line, field, failure.ErrorMessage);
        }
        return new Plan(prepared, items.Count);
    }

    /// <summary>"[3].Items[1].ProductCode" → (3, 1, "ProductCode"); "[3].CustomerCode" → (3, null, "CustomerCode").</summary>
    private static (int Index, int? Item, string Field) Locate(string propertyName)
    {
        var close = propertyName.IndexOf(']');
        if (propertyName.Length < 3 || propertyName[0] != '[' || close < 0 || !int.TryParse(propertyName.AsSpan(1, close - 1), out var index))
            return (-1, null, propertyName);
        var rest = propertyName[(close + 1)..].TrimStart('.');
        const string items = nameof(DocumentInput.Items) + "[";
        if (rest.StartsWith(items, StringComparison.Ordinal))
        {
            var end = rest.IndexOf(']');
            if (end > items.Length && int.TryParse(rest.AsSpan(items.Length, end - items.Length), out var item))
                return (index, item, rest[(end + 1)..].TrimStart('.'));
        }
        return (index, null, rest.Length == 0 ? nameof(DocumentInput.Items) : rest);
    }

    private sealed class Plan : ImportPlan
    {
        private readonly PreparedUpsert _prepared;
        private readonly int _rows;

        public Plan(PreparedUpsert prepared, int rows)
        {
            _prepared = prepared;
            _rows = rows;
            Inserted = prepared.Inserted;
            Updated = prepared.Updated;
        }

        public override async Task WriteAsync(FoccoDbContext db, IProgress<ImportProgress>? progress, CancellationToken ct)
        {
            var total = _prepared.Inserted + _prepared.Updated;
            var writing = progress is null ? null : new Progress<int>(done => progress.Report(new ImportProgress(ImportStage.Writing, done, total)));
            var result = await _prepared.WriteAsync(writing, ct);
            (Inserted, Updated) = (result.Inserted, result.Updated);
        }
    }
}

/// <summary>Products, receivables and contracts: one file row is one record.</summary>
public abstract class FlatCommercialImportTarget<TInput>(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<TInput> validator, CommercialUpsertService upserts)
    : CommercialImportTarget<TInput, TInput>(dbFactory, validator, upserts)
    where TInput : class, new()
{
    protected override List<Built> Build(IReadOnlyList<ImportItem<TInput>> items, ImportErrors errors) =>
        items.Select(i => new Built(i.Input, i.Line, [])).ToList();
}

public sealed class ProductImportTarget(IDbContextFactory<FoccoDbContext> db, IValidator<ProductInput> v, CommercialUpsertService upserts)
    : FlatCommercialImportTarget<ProductInput>(db, v, upserts)
{
    public override string Name => "products";
    public override string Title => Messages.Import_Products;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(nameof(ProductInput.Code), () => Messages.Field_Code, Required: true, Key: true, "Código", "Cód. produto", "Código do produto", "Produto", "SKU", "Code", "Product code"),
        new(nameof(ProductInput.Description), () => Messages.Field_Description, Required: true, Key: false, "Descrição", "Descrição do produto", "Description"),
        new(nameof(ProductInput.Unit), () => Messages.Field_Unit, false, false, "Unidade", "UN", "Unid.", "Unit"),
        new(nameof(ProductInput.Group), () => Messages.Field_Group, false, false, "Grupo", "Grupo do produto", "Group"),
        new(nameof(ProductInput.Price), () => Messages.Field_Price, false, false, "Preço", "Preço unitário", "Preço de venda", "Price"),
        new(nameof(ProductInput.IsActive), () => Messages.Field_Active, false, false, "Ativo", "Situação", "Active"),
    ];
}

public sealed class ReceivableImportTarget(IDbContextFactory<FoccoDbContext> db, IValidator<ReceivableInput> v, CommercialUpsertService upserts)
    : FlatCommercialImportTarget<ReceivableInput>(db, v, upserts)
{
    public override string Name => "receivables";
    public override string Title => Messages.Import_Receivables;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(nameof(ReceivableInput.Document), () => Messages.Field_Document, Required: true, Key: true, "Documento", "Título", "Nº título", "Document"),
        new(nameof(ReceivableInput.Installment), () => Messages.Field_Installment, Required: true, Key: true, "Parcela", "Installment"),
        new(nameof(ReceivableInput.CustomerCode), () => Messages.Field_CustomerCode, Required: true, Key: false, "Código cliente", "Cód. cliente", "Cliente", "Customer code", "Customer"),
        new(nameof(ReceivableInput.IssueDate), () => Messages.Field_IssueDate, Required: true, Key: false, "Emissão", "Data de emissão", "Data emissão", "Issue date"),
        new(nameof(ReceivableInput.DueDate), () => Messages.Field_DueDate, Required: true, Key: false, "Vencimento", "Data de vencimento", "Due date"),
        new(nameof(ReceivableInput.Amount), () => Messages.Field_Amount, Required: true, Key: false, "Valor", "Valor do título", "Amount"),
        new(nameof(ReceivableInput.PaidAmount), () => Messages.Field_PaidAmount, false, false, "Valor pago", "Pago", "Paid amount"),
        new(nameof(ReceivableInput.PaidDate), () => Messages.Field_PaidDate, false, false, "Data de pagamento", "Pagamento", "Data pagto", "Paid date"),
    ];
}

public sealed class ContractImportTarget(IDbContextFactory<FoccoDbContext> db, IValidator<ContractInput> v, CommercialUpsertService upserts)
    : FlatCommercialImportTarget<ContractInput>(db, v, upserts)
{
    public override string Name => "contracts";
    public override string Title => Messages.Import_Contracts;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(nameof(ContractInput.ExternalCode), () => Messages.Field_ExternalCode, Required: true, Key: true, "Contrato", "Número", "Nº contrato", "Código", "Contract"),
        new(nameof(ContractInput.CustomerCode), () => Messages.Field_CustomerCode, Required: true, Key: false, "Código cliente", "Cód. cliente", "Cliente", "Customer code", "Customer"),
        new(nameof(ContractInput.ProductCode), () => Messages.Field_ProductCode, false, false, "Produto", "Código produto", "Cód. produto", "Product code", "Product"),
        new(nameof(ContractInput.Description), () => Messages.Field_Description, Required: true, Key: false, "Descrição", "Objeto", "Description"),
        new(nameof(ContractInput.StartDate), () => Messages.Field_StartDate, Required: true, Key: false, "Início", "Data de início", "Vigência inicial", "Start date"),
        new(nameof(ContractInput.EndDate), () => Messages.Field_EndDate, false, false, "Fim", "Término", "Data de término", "Vigência final", "End date"),
        new(nameof(ContractInput.Value), () => Messages.Field_Value, false, false, "Valor", "Valor mensal", "Value"),
        new(nameof(ContractInput.Status), () => Messages.Field_Status, false, false, "Situação", "Status"),
    ];

    /// <summary>Status by the ERP's words too: Ativo/Vigente, Suspenso, Encerrado/Cancelado.</summary>
    protected override bool TryParse(ImportField field, Type type, string text, out object? value)
    {
        if (field.Name == nameof(ContractInput.Status))
        {
            ContractStatus? status = ImportValues.Fold(text) switch
            {
                "ativo" or "vigente" or "a" => ContractStatus.Active,
                "suspenso" or "s" => ContractStatus.Suspended,
                "encerrado" or "cancelado" or "finalizado" or "e" => ContractStatus.Ended,
                _ => null,
            };
            if (status is not null) { value = status.Value; return true; }
        }
        return base.TryParse(field, type, text, out value);
    }
}

/// <summary>One item row of a quote, order or invoice file: the document's columns repeat on each of its item rows.</summary>
public abstract record DocumentImportRow
{
    public string ExternalCode { get; set; } = "";
    public string CustomerCode { get; set; } = "";
    public DateOnly IssueDate { get; set; }
    public string ProductCode { get; set; } = "";
    public decimal Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; }
}

public sealed record QuoteImportRow : DocumentImportRow
{
    public DateOnly? ValidUntil { get; set; }
}

public sealed record SalesOrderImportRow : DocumentImportRow
{
    public DateOnly? DeliveryDate { get; set; }
}

public sealed record InvoiceImportRow : DocumentImportRow
{
    public int Number { get; set; }
    public string Series { get; set; } = "1";
    public string? AccessKey { get; set; }
    public string? OrderCode { get; set; }
}

/// <summary>What a single item row must have; the document's own rules run when the rows are put together.</summary>
public abstract class DocumentImportRowValidator<T> : AbstractValidator<T> where T : DocumentImportRow
{
    protected DocumentImportRowValidator()
    {
        RuleFor(x => x.ExternalCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_ExternalCode);
        RuleFor(x => x.CustomerCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_CustomerCode);
        RuleFor(x => x.ProductCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_ProductCode);
        RuleFor(x => x.Quantity).GreaterThan(0).WithName(_ => Messages.Field_Quantity);
        RuleFor(x => x.UnitPrice).GreaterThanOrEqualTo(0).WithName(_ => Messages.Field_UnitPrice);
    }
}

public sealed class QuoteImportRowValidator : DocumentImportRowValidator<QuoteImportRow>;
public sealed class SalesOrderImportRowValidator : DocumentImportRowValidator<SalesOrderImportRow>;
public sealed class InvoiceImportRowValidator : DocumentImportRowValidator<InvoiceImportRow>;

/// <summary>Quotes, orders and invoices: rows grouped by document number into one document with its items.</summary>
public abstract class DocumentImportTarget<TRow, TInput>(IDbContextFactory<FoccoDbContext> db, IValidator<TRow> v, CommercialUpsertService upserts)
    : CommercialImportTarget<TRow, TInput>(db, v, upserts)
    where TRow : DocumentImportRow, new()
    where TInput : DocumentInput
{
    protected static ImportField[] CommonFields(Func<string> numberLabel, params string[] numberAliases) =>
    [
        new(nameof(DocumentImportRow.ExternalCode), numberLabel, Required: true, Key: true, numberAliases),
        new(nameof(DocumentImportRow.CustomerCode), () => Messages.Field_CustomerCode, Required: true, Key: false, "Código cliente", "Cód. cliente", "Cliente", "Customer code", "Customer"),
        new(nameof(DocumentImportRow.IssueDate), () => Messages.Field_IssueDate, Required: true, Key: false, "Emissão", "Data de emissão", "Data emissão", "Data", "Issue date"),
        new(nameof(DocumentImportRow.ProductCode), () => Messages.Field_ProductCode, Required: true, Key: false, "Produto", "Código produto", "Cód. produto", "Item", "Product code", "Product"),
        new(nameof(DocumentImportRow.Quantity), () => Messages.Field_Quantity, Required: true, Key: false, "Quantidade", "Qtde", "Qtd", "Quantity", "Qty"),
        new(nameof(DocumentImportRow.UnitPrice), () => Messages.Field_UnitPrice, Required: true, Key: false, "Preço unitário", "Valor unitário", "Vlr. unitário", "Preço", "Unit price"),
    ];

    /// <summary>The document from its first row (items are added from every row).</summary>
    protected abstract TInput Header(TRow first);

    /// <summary>The header columns, to check that every row of a document repeats the same values.</summary>
    protected virtual IEnumerable<(string Field, object? Value)> HeaderValues(TRow row)
    {
        yield return (nameof(DocumentImportRow.CustomerCode), row.CustomerCode.Trim());
        yield return (nameof(DocumentImportRow.IssueDate), row.IssueDate);
    }

    protected override List<Built> Build(IReadOnlyList<ImportItem<TRow>> items, ImportErrors errors)
    {
        var built = new List<Built>();
        foreach (var group in items.GroupBy(i => i.Input.ExternalCode.Trim(), StringComparer.Ordinal))
        {
            var first = group.First();
            var header = HeaderValues(first.Input).ToList();
            var rows = new List<ImportItem<TRow>>();
            foreach (var item in group)
            {
                var differs = HeaderValues(item.Input).Zip(header).FirstOrDefault(p => !Equals(p.First.Value, p.Second.Value));
                if (differs.First.Field is not null)
                    errors.Add(item.Line, differs.First.Field, Messages.Format(nameof(Messages.ImportDocumentRowDiffers), first.Line));
                else rows.Add(item);
            }
            if (rows.Count < group.Count()) continue; // the document is refused as a whole
            var input = Header(first.Input);
            input.ExternalCode = first.Input.ExternalCode.Trim();
            input.CustomerCode = first.Input.CustomerCode.Trim();
            input.IssueDate = first.Input.IssueDate;
            input.Items = rows.Select(r => new DocumentItemInput { ProductCode = r.Input.ProductCode.Trim(), Quantity = r.Input.Quantity, UnitPrice = r.Input.UnitPrice }).ToList();
            built.Add(new Built(input, first.Line, rows.Select(r => r.Line).ToList()));
        }
        return built;
    }
}

public sealed class QuoteImportTarget(IDbContextFactory<FoccoDbContext> db, IValidator<QuoteImportRow> v, CommercialUpsertService upserts)
    : DocumentImportTarget<QuoteImportRow, QuoteInput>(db, v, upserts)
{
    public override string Name => "quotes";
    public override string Title => Messages.Import_Quotes;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        .. CommonFields(() => Messages.Field_QuoteNumber, "Orçamento", "Nº orçamento", "Número", "Quote"),
        new(nameof(QuoteImportRow.ValidUntil), () => Messages.Field_ValidUntil, false, false, "Validade", "Válido até", "Valid until"),
    ];

    protected override QuoteInput Header(QuoteImportRow first) => new() { ValidUntil = first.ValidUntil };

    protected override IEnumerable<(string Field, object? Value)> HeaderValues(QuoteImportRow row) =>
        base.HeaderValues(row).Append((nameof(QuoteImportRow.ValidUntil), row.ValidUntil));
}

public sealed class SalesOrderImportTarget(IDbContextFactory<FoccoDbContext> db, IValidator<SalesOrderImportRow> v, CommercialUpsertService upserts)
    : DocumentImportTarget<SalesOrderImportRow, SalesOrderInput>(db, v, upserts)
{
    public override string Name => "orders";
    public override string Title => Messages.Import_SalesOrders;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        .. CommonFields(() => Messages.Field_OrderNumber, "Pedido", "Nº pedido", "Número", "Order"),
        new(nameof(SalesOrderImportRow.DeliveryDate), () => Messages.Field_DeliveryDate, false, false, "Entrega", "Data de entrega", "Previsão de entrega", "Delivery date"),
    ];

    protected override SalesOrderInput Header(SalesOrderImportRow first) => new() { DeliveryDate = first.DeliveryDate };

    protected override IEnumerable<(string Field, object? Value)> HeaderValues(SalesOrderImportRow row) =>
        base.HeaderValues(row).Append((nameof(SalesOrderImportRow.DeliveryDate), row.DeliveryDate));
}

public sealed class InvoiceImportTarget(IDbContextFactory<FoccoDbContext> db, IValidator<InvoiceImportRow> v, CommercialUpsertService upserts)
    : DocumentImportTarget<InvoiceImportRow, InvoiceInput>(db, v, upserts)
{
    public override string Name => "invoices";
    public override string Title => Messages.Import_Invoices;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        .. CommonFields(() => Messages.Field_ExternalCode, "Código ERP", "Código", "Documento", "ERP code"),
        new(nameof(InvoiceImportRow.Number), () => Messages.Field_Number, Required: true, Key: false, "Número", "Nº NF", "Número NF", "Nota fiscal", "Number"),
        new(nameof(InvoiceImportRow.Series), () => Messages.Field_Series, false, false, "Série", "Serie", "Series"),
        new(nameof(InvoiceImportRow.AccessKey), () => Messages.Field_AccessKey, false, false, "Chave de acesso", "Chave NF-e", "Chave", "Access key"),
        new(nameof(InvoiceImportRow.OrderCode), () => Messages.Field_OrderNumber, false, false, "Pedido", "Nº pedido", "Order"),
    ];

    protected override InvoiceInput Header(InvoiceImportRow first) => new()
    {
        Number = first.Number, Series = string.IsNullOrWhiteSpace(first.Series) ? "1" : first.Series.Trim(),
        AccessKey = string.IsNullOrWhiteSpace(first.AccessKey) ? null : first.AccessKey.Trim(),
        OrderCode = string.IsNullOrWhiteSpace(first.OrderCode) ? null : first.OrderCode.Trim(),
    };

    protected override IEnumerable<(string Field, object? Value)> HeaderValues(InvoiceImportRow row) =>
        base.HeaderValues(row).Append((nameof(InvoiceImportRow.Number), row.Number)).Append((nameof(InvoiceImportRow.AccessKey), row.AccessKey?.Trim()));
}

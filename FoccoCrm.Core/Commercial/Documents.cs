using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Commercial;

/// <summary>What quotes, sales orders and invoices share: company, customer, the ERP number and a total of the items.</summary>
public abstract class CommercialDocument : ICompanyOwned, IVersioned
{
    public int Id { get; private set; }
    public int CompanyId { get; protected set; }
    /// <summary>The document's number in the ERP; unique per company (import and API upsert by it).</summary>
    public string ExternalCode { get; protected set; } = "";
    public int CustomerId { get; protected set; }
    public Person Customer { get; private set; } = null!;
    public DateOnly IssueDate { get; protected set; }
    public decimal Total { get; protected set; }
    public Guid Version { get; set; }
}

/// <summary>A line of a document: a product, quantity, unit price and its total.</summary>
public abstract class DocumentLine
{
    public int Id { get; private set; }
    public int LineNumber { get; private set; }
    public int ProductId { get; private set; }
    public Product Product { get; private set; } = null!;
    public decimal Quantity { get; private set; }
    public decimal UnitPrice { get; private set; }
    public decimal Total { get; private set; }

    protected void Set(int lineNumber, int productId, DocumentItemInput input)
    {
        LineNumber = lineNumber;
        ProductId = productId;
        Quantity = Money.RoundQuantity(input.Quantity);
        UnitPrice = Money.Round(input.UnitPrice);
        Total = Money.Round(Quantity * UnitPrice);
    }
}

public abstract class CommercialDocument<TItem> : CommercialDocument where TItem : DocumentLine
{
    public List<TItem> Items { get; private set; } = [];

    /// <summary>Replaces the header and all items; the total is the sum of the items.</summary>
    protected void SetHeader(int companyId, int customerId, DocumentInput input, IEnumerable<TItem> items)
    {
        CompanyId = companyId;
        ExternalCode = input.ExternalCode.Trim();
        CustomerId = customerId;
        IssueDate = input.IssueDate;
        Items.Clear();
        Items.AddRange(items);
        Total = Items.Sum(i => i.Total);
    }
}

/// <summary>Orçamento.</summary>
public class Quote : CommercialDocument<QuoteItem>
{
    public DateOnly? ValidUntil { get; private set; }

    public static Quote Create() => new();

    public void Apply(int companyId, int customerId, QuoteInput input, IReadOnlyList<int> productIds)
    {
        SetHeader(companyId, customerId, input, input.Items.Select((it, i) => QuoteItem.Create(i + 1, productIds[i], it)));
        ValidUntil = input.ValidUntil;
    }
}

public class QuoteItem : DocumentLine
{
    public int QuoteId { get; private set; }
    internal static QuoteItem Create(int line, int productId, DocumentItemInput input) { var x = new QuoteItem(); x.Set(line, productId, input); return x; }
}

/// <summary>Pedido de venda.</summary>
public class SalesOrder : CommercialDocument<SalesOrderItem>
{
    public DateOnly? DeliveryDate { get; private set; }

    public static SalesOrder Create() => new();

    public void Apply(int companyId, int customerId, SalesOrderInput input, IReadOnlyList<int> productIds)
    {
        SetHeader(companyId, customerId, input, input.Items.Select((it, i) => SalesOrderItem.Create(i + 1, productIds[i], it)));
        DeliveryDate = input.DeliveryDate;
    }
}

public class SalesOrderItem : DocumentLine
{
    public int SalesOrderId { get; private set; }
    internal static SalesOrderItem Create(int line, int productId, DocumentItemInput input) { var x = new SalesOrderItem(); x.Set(line, productId, input); return x; }
}

/// <summary>Nota fiscal de saída.</summary>
public class Invoice : CommercialDocument<InvoiceItem>
{
    public int Number { get; private set; }
    public string Series { get; private set; } = "";
    /// <summary>Chave de acesso: 44 digits, the last one a mod-11 check digit.</summary>
    public string? AccessKey { get; private set; }
    public int? OrderId { get; private set; }

    public static Invoice Create() => new();

    public void Apply(int companyId, int customerId, int? orderId, InvoiceInput input, IReadOnlyList<int> productIds)
    {
        SetHeader(companyId, customerId, input, input.Items.Select((it, i) => InvoiceItem.Create(i + 1, productIds[i], it)));
        Number = input.Number;
        Series = input.Series.Trim();
        AccessKey = AccessKeys.Normalize(input.AccessKey) is { Length: > 0 } key ? key : null;
        OrderId = orderId;
    }
}

public class InvoiceItem : DocumentLine
{
    public int InvoiceId { get; private set; }
    internal static InvoiceItem Create(int line, int productId, DocumentItemInput input) { var x = new InvoiceItem(); x.Set(line, productId, input); return x; }
}

internal abstract class DocumentConfiguration<TDoc, TItem> : IEntityTypeConfiguration<TDoc>
    where TDoc : CommercialDocument<TItem> where TItem : DocumentLine
{
    protected abstract string Table { get; }

    public virtual void Configure(EntityTypeBuilder<TDoc> b)
    {
        b.ToTable(Table);
        b.Property(x => x.ExternalCode).HasMaxLength(40).IsRequired();
        b.Property(x => x.Total).HasConversion(Money.Converter);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.Items).WithOne().OnDelete(DeleteBehavior.Cascade);
        b.Navigation(x => x.Items).UsePropertyAccessMode(PropertyAccessMode.Property);
        b.HasIndex(x => new { x.CompanyId, x.ExternalCode }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.IssueDate });
        b.HasIndex(x => new { x.CustomerId, x.CompanyId, x.IssueDate });
    }

}

internal abstract class DocumentLineConfiguration<TItem> : IEntityTypeConfiguration<TItem> where TItem : DocumentLine
{
    protected abstract string Table { get; }

    public void Configure(EntityTypeBuilder<TItem> b)
    {
        b.ToTable(Table);
        b.Property(x => x.Quantity).HasConversion(Money.QuantityConverter);
        b.Property(x => x.UnitPrice).HasConversion(Money.Converter);
        b.Property(x => x.Total).HasConversion(Money.Converter);
        b.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.ProductId);
    }
}

internal sealed class QuoteItemConfiguration : DocumentLineConfiguration<QuoteItem>
{
    protected override string Table => "QuoteItems";
}

internal sealed class SalesOrderItemConfiguration : DocumentLineConfiguration<SalesOrderItem>
{
    protected override string Table => "SalesOrderItems";
}

internal sealed class InvoiceItemConfiguration : DocumentLineConfiguration<InvoiceItem>
{
    protected override string Table => "InvoiceItems";
}

internal sealed class QuoteConfiguration : DocumentConfiguration<Quote, QuoteItem>
{
    protected override string Table => "Quotes";
}

internal sealed class SalesOrderConfiguration : DocumentConfiguration<SalesOrder, SalesOrderItem>
{
    protected override string Table => "SalesOrders";
}

internal sealed class InvoiceConfiguration : DocumentConfiguration<Invoice, InvoiceItem>
{
    protected override string Table => "Invoices";

    public override void Configure(EntityTypeBuilder<Invoice> b)
    {
        base.Configure(b);
        b.Property(x => x.Series).HasMaxLength(3).IsRequired();
        b.Property(x => x.AccessKey).HasMaxLength(44);
        b.HasOne<SalesOrder>().WithMany().HasForeignKey(x => x.OrderId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => x.OrderId);
    }
}

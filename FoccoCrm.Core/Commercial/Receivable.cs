using System.Linq.Expressions;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Commercial;

public enum ReceivableStatus { Open, Paid, Overdue }

/// <summary>
/// Conta a receber: one installment of a document. Unique per company by (Document, Installment).
/// Its status is not stored: it follows from the amounts, the due date and "today" (<see cref="StatusOn"/>).
/// </summary>
public class Receivable : ICompanyOwned, IVersioned
{
    public int Id { get; private set; }
    public int CompanyId { get; private set; }
    public int CustomerId { get; private set; }
    public Person Customer { get; private set; } = null!;
    /// <summary>The title's document number (usually the invoice number).</summary>
    public string Document { get; private set; } = "";
    public int Installment { get; private set; }
    public DateOnly IssueDate { get; private set; }
    public DateOnly DueDate { get; private set; }
    public decimal Amount { get; private set; }
    public decimal PaidAmount { get; private set; }
    public DateOnly? PaidDate { get; private set; }
    public Guid Version { get; set; }

    private Receivable() { }

    public static Receivable Create(int companyId) => new() { CompanyId = companyId };

    public void Apply(int customerId, ReceivableInput input)
    {
        CustomerId = customerId;
        Document = input.Document.Trim();
        Installment = input.Installment;
        IssueDate = input.IssueDate;
        DueDate = input.DueDate;
        Amount = Money.Round(input.Amount);
        PaidAmount = Money.Round(input.PaidAmount);
        PaidDate = input.PaidDate;
    }

    public decimal OpenAmount => Amount - PaidAmount;

    /// <summary>Paid when nothing is left to pay; otherwise overdue after the due date, open until then.</summary>
    public ReceivableStatus StatusOn(DateOnly today) =>
        PaidAmount >= Amount ? ReceivableStatus.Paid : DueDate < today ? ReceivableStatus.Overdue : ReceivableStatus.Open;

    /// <summary>The same rule as an expression EF translates to SQL (filters and lists), for a given "today".</summary>
    public static Expression<Func<Receivable, ReceivableStatus>> Status(DateOnly today) =>
        r => r.PaidAmount >= r.Amount ? ReceivableStatus.Paid : r.DueDate < today ? ReceivableStatus.Overdue : ReceivableStatus.Open;

    /// <summary>A filter on the derived status, in SQL.</summary>
    public static Expression<Func<Receivable, bool>> HasStatus(ReceivableStatus status, DateOnly today) => status switch
    {
        ReceivableStatus.Paid => r => r.PaidAmount >= r.Amount,
        ReceivableStatus.Overdue => r => r.PaidAmount < r.Amount && r.DueDate < today,
        _ => r => r.PaidAmount < r.Amount && r.DueDate >= today,
    };
}

internal sealed class ReceivableConfiguration : IEntityTypeConfiguration<Receivable>
{
    public void Configure(EntityTypeBuilder<Receivable> b)
    {
        b.ToTable("Receivables");
        b.Property(x => x.Document).HasMaxLength(40).IsRequired();
        b.Property(x => x.Amount).HasConversion(Money.Converter);
        b.Property(x => x.PaidAmount).HasConversion(Money.Converter);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.Ignore(x => x.OpenAmount);
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CompanyId, x.Document, x.Installment }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.DueDate });
        b.HasIndex(x => new { x.CustomerId, x.CompanyId, x.DueDate });
    }
}

public enum ContractStatus { Active, Suspended, Ended }

/// <summary>A contract (of a product or service) with a customer; <see cref="ExternalCode"/> unique per company.</summary>
public class Contract : ICompanyOwned, IVersioned
{
    public int Id { get; private set; }
    public int CompanyId { get; private set; }
    public string ExternalCode { get; private set; } = "";
    public int CustomerId { get; private set; }
    public Person Customer { get; private set; } = null!;
    public int? ProductId { get; private set; }
    public Product? Product { get; private set; }
    public string Description { get; private set; } = "";
    public DateOnly StartDate { get; private set; }
    public DateOnly? EndDate { get; private set; }
    /// <summary>Monthly value.</summary>
    public decimal Value { get; private set; }
    public ContractStatus Status { get; private set; }
    public Guid Version { get; set; }

    private Contract() { }

    public static Contract Create(int companyId) => new() { CompanyId = companyId };

    public void Apply(int customerId, int? productId, ContractInput input)
    {
        ExternalCode = input.ExternalCode.Trim();
        CustomerId = customerId;
        ProductId = productId;
        Description = input.Description.Trim();
        StartDate = input.StartDate;
        EndDate = input.EndDate;
        Value = Money.Round(input.Value);
        Status = input.Status;
    }
}

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> b)
    {
        b.ToTable("Contracts");
        b.Property(x => x.ExternalCode).HasMaxLength(40).IsRequired();
        b.Property(x => x.Description).HasMaxLength(200).IsRequired();
        b.Property(x => x.Value).HasConversion(Money.Converter);
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Customer).WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne(x => x.Product).WithMany().HasForeignKey(x => x.ProductId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CompanyId, x.ExternalCode }).IsUnique();
        b.HasIndex(x => new { x.CustomerId, x.CompanyId });
    }
}

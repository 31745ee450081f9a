using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Commercial;

/// <summary>A product (or service) of the ERP; <see cref="Code"/> is the ERP code, unique per company.</summary>
public class Product : ICompanyOwned, IVersioned
{
    public int Id { get; private set; }
    public int CompanyId { get; private set; }
    public string Code { get; private set; } = "";
    public string Description { get; private set; } = "";
    public string Unit { get; private set; } = "";
    public string? Group { get; private set; }
    public decimal Price { get; private set; }
    public bool IsActive { get; private set; } = true;
    public Guid Version { get; set; }

    private Product() { }

    public static Product Create(int companyId, ProductInput input)
    {
        var p = new Product { CompanyId = companyId, Code = input.Code.Trim() };
        p.Apply(input);
        return p;
    }

    public void Apply(ProductInput input)
    {
        Description = input.Description.Trim();
        Unit = input.Unit.Trim().ToUpperInvariant();
        Group = string.IsNullOrWhiteSpace(input.Group) ? null : input.Group.Trim();
        Price = Money.Round(input.Price);
        IsActive = input.IsActive;
    }
}

internal sealed class ProductConfiguration : IEntityTypeConfiguration<Product>
{
    public void Configure(EntityTypeBuilder<Product> b)
    {
        b.ToTable("Products");
        b.Property(x => x.Code).HasMaxLength(40).IsRequired();
        b.Property(x => x.Description).HasMaxLength(200).IsRequired();
        b.Property(x => x.Unit).HasMaxLength(6).IsRequired();
        b.Property(x => x.Group).HasMaxLength(80);
        b.Property(x => x.Price).HasConversion(Money.Converter);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CompanyId, x.Code }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.Description });
    }
}

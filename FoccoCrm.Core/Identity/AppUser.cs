using FoccoCrm.Core.Companies;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Identity;

/// <summary>An application login (ASP.NET Core Identity user) with the CRM's own data.</summary>
public class AppUser : IdentityUser
{
    public string FullName { get; set; } = "";
    public bool IsActive { get; set; } = true;
    /// <summary>The company the user last chose in the app bar (remembered per user).</summary>
    public int? CurrentCompanyId { get; set; }
    /// <summary>pt-BR or en-US; null = the app's default.</summary>
    public string? Culture { get; set; }
    public DateTime CreatedAtUtc { get; set; }
    /// <summary>The person behind the login (e.g. the representative a representative login acts as).</summary>
    public int? PersonId { get; set; }
    public List<UserCompany> Companies { get; set; } = [];
}

/// <summary>Grants a user access to a company.</summary>
public class UserCompany
{
    public string UserId { get; set; } = "";
    public int CompanyId { get; set; }
    public Company? Company { get; set; }
}

public static class Roles
{
    public const string Administrator = nameof(Administrator);
    public const string Manager = nameof(Manager);
    public const string Agent = nameof(Agent);
    public const string Representative = nameof(Representative);

    public static readonly IReadOnlyList<string> All = [Administrator, Manager, Agent, Representative];
}

internal sealed class AppUserConfiguration : IEntityTypeConfiguration<AppUser>
{
    public void Configure(EntityTypeBuilder<AppUser> b)
    {
        b.Property(x => x.FullName).HasMaxLength(120).IsRequired();
        b.Property(x => x.Culture).HasMaxLength(10);
        b.HasMany(x => x.Companies).WithOne().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CurrentCompanyId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<Persons.Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.SetNull);
    }
}

internal sealed class UserCompanyConfiguration : IEntityTypeConfiguration<UserCompany>
{
    public void Configure(EntityTypeBuilder<UserCompany> b)
    {
        b.ToTable("UserCompanies");
        b.HasKey(x => new { x.UserId, x.CompanyId });
        b.HasOne(x => x.Company).WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
    }
}

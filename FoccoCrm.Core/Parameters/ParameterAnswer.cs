using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Parameters;

/// <summary>
/// A company's (UserId null) or a user's answer to a parameter in a company. A cleared answer is
/// deleted, so the next level applies. Parameter 08 is never stored here: it is Company.TimeZoneId.
/// </summary>
public class ParameterAnswer : IVersioned, ICompanyOwned
{
    public int Id { get; private set; }
    public string Number { get; private set; } = "";
    public int CompanyId { get; private set; }
    public string? UserId { get; private set; }
    public string Value { get; private set; } = "";
    public DateTime UpdatedAtUtc { get; private set; }
    public Guid Version { get; set; }

    private ParameterAnswer() { }

    public static ParameterAnswer Create(string number, int companyId, string? userId, string value, DateTime nowUtc) =>
        new() { Number = number, CompanyId = companyId, UserId = userId, Value = value, UpdatedAtUtc = nowUtc };

    public void Change(string value, DateTime nowUtc)
    {
        if (Value == value) return;
        Value = value;
        UpdatedAtUtc = nowUtc;
    }
}

internal sealed class ParameterAnswerConfiguration : IEntityTypeConfiguration<ParameterAnswer>
{
    public void Configure(EntityTypeBuilder<ParameterAnswer> b)
    {
        b.ToTable("ParameterAnswers");
        b.Property(x => x.Number).HasMaxLength(2).IsRequired();
        b.Property(x => x.Value).HasMaxLength(300).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        // SQLite treats NULLs as distinct in a unique index: one filtered index per level.
        b.HasIndex(x => new { x.Number, x.CompanyId }).IsUnique().HasFilter("\"UserId\" IS NULL").HasDatabaseName("IX_ParameterAnswers_Company");
        b.HasIndex(x => new { x.Number, x.CompanyId, x.UserId }).IsUnique().HasFilter("\"UserId\" IS NOT NULL").HasDatabaseName("IX_ParameterAnswers_User");
    }
}

using FoccoCrm.Core.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Companies;

/// <summary>A company (empresa) of the ERP. Tickets, occurrences and parameters belong to one.</summary>
public class Company : IVersioned
{
    public int Id { get; private set; }
    public string Code { get; private set; } = "";
    public string Name { get; private set; } = "";
    /// <summary>Stored normalized (14 characters, no mask, upper-case).</summary>
    public string Cnpj { get; private set; } = "";
    /// <summary>IANA time zone id, e.g. America/Sao_Paulo.</summary>
    public string TimeZoneId { get; private set; } = "America/Sao_Paulo";
    public bool IsActive { get; private set; } = true;
    public DateTime CreatedAtUtc { get; private set; }
    public Guid Version { get; set; }

    private Company() { }

    public static Company Create(CompanyInput input, DateTime nowUtc)
    {
        var c = new Company { CreatedAtUtc = nowUtc };
        c.Apply(input);
        return c;
    }

    public void Apply(CompanyInput input)
    {
        Code = input.Code.Trim().ToUpperInvariant();
        Name = input.Name.Trim();
        Cnpj = Common.Cnpj.Normalize(input.Cnpj);
        TimeZoneId = input.TimeZoneId.Trim();
        IsActive = input.IsActive;
    }
}

public sealed record CompanyInput
{
    public string Code { get; set; } = "";
    public string Name { get; set; } = "";
    public string Cnpj { get; set; } = "";
    public string TimeZoneId { get; set; } = "America/Sao_Paulo";
    public bool IsActive { get; set; } = true;
}

public sealed record CompanyRow(int Id, string Code, string Name, string Cnpj, string TimeZoneId, bool IsActive, int UserCount, Guid Version)
{
    public string CnpjFormatted => Common.Cnpj.Format(Cnpj);
    public CompanyInput ToInput() => new() { Code = Code, Name = Name, Cnpj = CnpjFormatted, TimeZoneId = TimeZoneId, IsActive = IsActive };
}

/// <summary>The companies a user can see, in the shape the app bar and the API show.</summary>
public sealed record CompanyRef(int Id, string Code, string Name, string TimeZoneId)
{
    /// <summary>An instant shown in this company's time zone (instants are stored in UTC).</summary>
    public DateTime ToLocal(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>A wall-clock time typed in this company's time zone, as the UTC instant to store.</summary>
    public DateTime ToUtc(DateTime local) => TimeZoneInfo.ConvertTimeToUtc(DateTime.SpecifyKind(local, DateTimeKind.Unspecified), Zone);

    private TimeZoneInfo Zone => TimeZones.IsKnown(TimeZoneId) ? TimeZoneInfo.FindSystemTimeZoneById(TimeZoneId) : TimeZoneInfo.Utc;
}

internal sealed class CompanyConfiguration : IEntityTypeConfiguration<Company>
{
    public void Configure(EntityTypeBuilder<Company> b)
    {
        b.ToTable("Companies");
        b.Property(x => x.Code).HasMaxLength(10).IsRequired();
        b.Property(x => x.Name).HasMaxLength(120).IsRequired();
        b.Property(x => x.Cnpj).HasMaxLength(14).IsRequired();
        b.Property(x => x.TimeZoneId).HasMaxLength(64).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasIndex(x => x.Code).IsUnique();
        b.HasIndex(x => x.Cnpj).IsUnique();
    }
}

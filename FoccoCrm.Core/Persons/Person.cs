using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Persons;

/// <summary>What a person is to the company; one person can have several roles.</summary>
[Flags]
public enum PersonRoles
{
    None = 0,
    Customer = 1,
    Representative = 2,
    Supplier = 4,
    Employee = 8,
    User = 16,
    Consumer = 32,
}

public enum PersonType
{
    Individual = 0,
    Legal = 1,
}

/// <summary>One registry of persons (pessoas): customers, representatives, suppliers, employees, users and consumers.</summary>
public class Person : IVersioned
{
    public int Id { get; private set; }
    public PersonType Type { get; private set; }
    public PersonRoles Roles { get; private set; }
    public bool IsForeign { get; private set; }
    /// <summary>CPF (11 digits) or CNPJ (14 characters), normalized, no mask; empty for foreign persons without one.</summary>
    public string Document { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string? TradeName { get; private set; }
    public string? Email { get; private set; }
    public string? SecondaryEmail { get; private set; }
    public string? Phone { get; private set; }
    public string? Mobile { get; private set; }
    public string? Street { get; private set; }
    public string? Number { get; private set; }
    public string? Complement { get; private set; }
    public string? District { get; private set; }
    public string? City { get; private set; }
    public string? State { get; private set; }
    /// <summary>8 digits, no mask.</summary>
    public string? ZipCode { get; private set; }
    public string Country { get; private set; } = "Brasil";
    /// <summary>The person's code in the ERP; unique when present (import/API upserts use it).</summary>
    public string? ExternalCode { get; private set; }
    public bool IsActive { get; private set; } = true;
    public DateTime CreatedAtUtc { get; private set; }
    public Guid Version { get; set; }

    private Person() { }

    public static Person Create(PersonInput input, DateTime nowUtc)
    {
        var p = new Person { CreatedAtUtc = nowUtc };
        p.Apply(input);
        return p;
    }

    public void Apply(PersonInput input)
    {
        Type = input.Type;
        Roles = input.Roles;
        IsForeign = input.IsForeign;
        Document = PersonDocuments.Normalize(input.Type, input.Document);
        Name = input.Name.Trim();
        TradeName = Clean(input.TradeName);
        Email = Clean(input.Email);
        SecondaryEmail = Clean(input.SecondaryEmail);
        Phone = Clean(input.Phone);
        Mobile = Clean(input.Mobile);
        Street = Clean(input.Street);
        Number = Clean(input.Number);
        Complement = Clean(input.Complement);
        District = Clean(input.District);
        City = Clean(input.City);
        State = Clean(input.State)?.ToUpperInvariant();
        ZipCode = Clean(ZipCodes.Normalize(input.ZipCode));
        Country = Clean(input.Country) ?? "Brasil";
        ExternalCode = Clean(input.ExternalCode);
        IsActive = input.IsActive;
    }

    public void Deactivate() => IsActive = false;

    internal static string? Clean(string? s) => string.IsNullOrWhiteSpace(s) ? null : s.Trim();
}

/// <summary>A contact (contato) of a person: who to talk to there.</summary>
public class Contact : IVersioned
{
    public int Id { get; private set; }
    public int PersonId { get; private set; }
    public string Name { get; private set; } = "";
    public int ContactTypeId { get; private set; }
    public string? Department { get; private set; }
    public string? Email { get; private set; }
    public string? Phone { get; private set; }
    public string? Mobile { get; private set; }
    public DateOnly? BirthDate { get; private set; }
    public bool IsActive { get; private set; } = true;
    public Guid Version { get; set; }

    private Contact() { }

    public static Contact Create(int personId, ContactInput input)
    {
        var c = new Contact { PersonId = personId };
        c.Apply(input);
        return c;
    }

    public void Apply(ContactInput input)
    {
        Name = input.Name.Trim();
        ContactTypeId = input.ContactTypeId;
        Department = Person.Clean(input.Department);
        Email = Person.Clean(input.Email);
        Phone = Person.Clean(input.Phone);
        Mobile = Person.Clean(input.Mobile);
        BirthDate = input.BirthDate;
        IsActive = input.IsActive;
    }

    public void Deactivate() => IsActive = false;
}

/// <summary>A representative assigned to a customer in one company.</summary>
public class CustomerRepresentative : ICompanyOwned
{
    public int Id { get; private set; }
    public int CompanyId { get; private set; }
    public int CustomerId { get; private set; }
    public int RepresentativeId { get; private set; }

    private CustomerRepresentative() { }

    public static CustomerRepresentative Create(int companyId, int customerId, int representativeId) =>
        new() { CompanyId = companyId, CustomerId = customerId, RepresentativeId = representativeId };

    public void Reassign(int representativeId) => RepresentativeId = representativeId;
}

public static class ZipCodes
{
    public static string Normalize(string? input) => new((input ?? "").Where(c => c is not ('.' or '-' or ' ')).ToArray());
    public static bool IsValid(string? input) { var s = Normalize(input); return s.Length == 8 && s.All(char.IsAsciiDigit); }
    public static string Format(string? input) { var s = Normalize(input); return s.Length == 8 ? $"{s[..5]}-{s[5..]}" : input ?? ""; }
}

public static class States
{
    /// <summary>The 26 states and the Federal District.</summary>
    public static IReadOnlyList<string> All { get; } =
        ["AC", "AL", "AP", "AM", "BA", "CE", "DF", "ES", "GO", "MA", "MT", "MS", "MG", "PA", "PB", "PR", "PE", "PI", "RJ", "RN", "RS", "RO", "RR", "SC", "SP", "SE", "TO"];
    public static bool IsValid(string? uf) => uf is not null && All.Contains(uf.Trim().ToUpperInvariant());
}

public static class PersonDocuments
{
    public static string Normalize(PersonType type, string? input) =>
        type == PersonType.Legal ? Cnpj.Normalize(input) : Cpf.Normalize(input);

    public static bool IsValid(PersonType type, string? input) =>
        type == PersonType.Legal ? Cnpj.IsValid(input) : Cpf.IsValid(input);

    public static string Format(PersonType type, string? document) =>
        string.IsNullOrEmpty(document) ? "" : type == PersonType.Legal ? Cnpj.Format(document) : Cpf.Format(document);
}

internal sealed class PersonConfiguration : IEntityTypeConfiguration<Person>
{
    public void Configure(EntityTypeBuilder<Person> b)
    {
        b.ToTable("Persons");
        b.Property(x => x.Roles).HasConversion<int>();
        b.Property(x => x.Type).HasConversion<int>();
        b.Property(x => x.Document).HasMaxLength(14).IsRequired();
        b.Property(x => x.Name).HasMaxLength(150).IsRequired();
        b.Property(x => x.TradeName).HasMaxLength(150);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.SecondaryEmail).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Mobile).HasMaxLength(30);
        b.Property(x => x.Street).HasMaxLength(150);
        b.Property(x => x.Number).HasMaxLength(20);
        b.Property(x => x.Complement).HasMaxLength(80);
        b.Property(x => x.District).HasMaxLength(80);
        b.Property(x => x.City).HasMaxLength(80);
        b.Property(x => x.State).HasMaxLength(2);
        b.Property(x => x.ZipCode).HasMaxLength(8);
        b.Property(x => x.Country).HasMaxLength(60).IsRequired();
        b.Property(x => x.ExternalCode).HasMaxLength(40);
        b.Property(x => x.Version).IsConcurrencyToken();
        // Each sort of the list has an index in its order: a full one (inactive shown) and a partial one for the default
        // view of active persons, so any page is an index walk from the nearer end (counts come from PersonCounts).
        // The active-by-name index carries Id (the tie-breaker, so it is in list order) and Roles (so the role filter is
        // answered from the index). Measured with the persons benchmark (README).
        b.HasIndex(x => x.Name);
        b.HasIndex(x => new { x.Name, x.Id, x.Roles }, "IX_Persons_Name_Active").HasFilter("IsActive");
        b.HasIndex(x => x.Document);
        b.HasIndex(x => x.Document, "IX_Persons_Document_Active").HasFilter("IsActive");
        b.HasIndex(x => new { x.City, x.Name });
        b.HasIndex(x => new { x.City, x.Name }, "IX_Persons_City_Name_Active").HasFilter("IsActive");
        b.HasIndex(x => x.ExternalCode).IsUnique().HasFilter("ExternalCode IS NOT NULL");
    }
}

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> b)
    {
        b.ToTable("Contacts");
        b.Property(x => x.Name).HasMaxLength(120).IsRequired();
        b.Property(x => x.Department).HasMaxLength(80);
        b.Property(x => x.Email).HasMaxLength(254);
        b.Property(x => x.Phone).HasMaxLength(30);
        b.Property(x => x.Mobile).HasMaxLength(30);
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<ContactType>().WithMany().HasForeignKey(x => x.ContactTypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class CustomerRepresentativeConfiguration : IEntityTypeConfiguration<CustomerRepresentative>
{
    public void Configure(EntityTypeBuilder<CustomerRepresentative> b)
    {
        b.ToTable("CustomerRepresentatives");
        b.HasIndex(x => new { x.CompanyId, x.CustomerId }).IsUnique();
        b.HasIndex(x => new { x.RepresentativeId, x.CompanyId });
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.CustomerId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.RepresentativeId).OnDelete(DeleteBehavior.Restrict);
    }
}

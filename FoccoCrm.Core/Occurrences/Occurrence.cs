using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Occurrences;

public enum OccurrenceStatus
{
    Open = 0,
    Closed = 1,
}

/// <summary>
/// An occurrence (FERM0200): an event about a person of any role, with type and reason (FERM0100), a responsible user and a
/// lifecycle open → closed (→ reopened). Every change is written to <see cref="History"/> in the same save (see
/// <see cref="OccurrenceService"/>); the number is sequential per company.
/// </summary>
public sealed class Occurrence : ICompanyOwned, IVersioned
{
    public int Id { get; private set; }
    public int CompanyId { get; private set; }
    public int Number { get; private set; }
    public DateTime OccurredAtUtc { get; private set; }
    public int PersonId { get; private set; }
    public int? ContactId { get; private set; }
    public int TypeId { get; private set; }
    public int ReasonId { get; private set; }
    public string Description { get; private set; } = "";
    public string ResponsibleUserId { get; private set; } = "";
    public OccurrenceStatus Status { get; private set; }
    public DateTime? ClosedAtUtc { get; private set; }
    public string? ClosingNotes { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public Guid Version { get; set; }
    public List<OccurrenceHistory> History { get; private set; } = [];
    public List<OccurrenceAttachment> Attachments { get; private set; } = [];

    private Occurrence() { }

    internal static Occurrence Create(int companyId, int number, OccurrenceInput input, string responsibleUserId, CurrentUser by, DateTime nowUtc)
    {
        var o = new Occurrence
        {
            CompanyId = companyId, Number = number, Status = OccurrenceStatus.Open, CreatedById = by.Id, CreatedByName = by.FullName,
            CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc, ResponsibleUserId = responsibleUserId,
        };
        o.Apply(input);
        return o;
    }

    /// <summary>Demo data and imports: an occurrence as it was at some moment in the past.</summary>
    internal static Occurrence Seed(int companyId, int number, OccurrenceInput input, string responsibleUserId, string createdById, string createdByName,
        DateTime createdAtUtc) => new()
    {
        CompanyId = companyId, Number = number, Status = OccurrenceStatus.Open, CreatedById = createdById, CreatedByName = createdByName,
        CreatedAtUtc = createdAtUtc, UpdatedAtUtc = createdAtUtc, ResponsibleUserId = responsibleUserId,
        OccurredAtUtc = input.OccurredAtUtc, PersonId = input.PersonId, ContactId = input.ContactId, TypeId = input.TypeId!.Value,
        ReasonId = input.ReasonId!.Value, Description = input.Description.Trim(),
    };

    internal void Apply(OccurrenceInput input)
    {
        OccurredAtUtc = DateTime.SpecifyKind(input.OccurredAtUtc, DateTimeKind.Utc);
        PersonId = input.PersonId;
        ContactId = input.ContactId;
        TypeId = input.TypeId ?? throw new ArgumentException("Type is required.", nameof(input));
        ReasonId = input.ReasonId ?? throw new ArgumentException("Reason is required.", nameof(input));
        Description = input.Description.Trim();
    }

    internal void SetResponsible(string userId) => ResponsibleUserId = userId;

    internal void Touch(DateTime nowUtc) => UpdatedAtUtc = nowUtc;

    /// <summary>Closes an open occurrence with the closing notes.</summary>
    internal void Close(string? notes, DateTime nowUtc)
    {
        if (Status == OccurrenceStatus.Closed) throw new BusinessRuleException(OccurrenceMessages.OccurrenceAlreadyClosed);
        Status = OccurrenceStatus.Closed;
        ClosedAtUtc = nowUtc;
        ClosingNotes = string.IsNullOrWhiteSpace(notes) ? null : notes.Trim();
    }

    /// <summary>Opens a closed occurrence again (the closing date and notes stay in the history).</summary>
    internal void Reopen()
    {
        if (Status == OccurrenceStatus.Open) throw new BusinessRuleException(OccurrenceMessages.OccurrenceNotClosed);
        Status = OccurrenceStatus.Open;
        ClosedAtUtc = null;
        ClosingNotes = null;
    }

    public void EnsureOpen()
    {
        if (Status == OccurrenceStatus.Closed) throw new BusinessRuleException(OccurrenceMessages.OccurrenceClosedReadOnly);
    }
}

/// <summary>One change of an occurrence: who, when, which field, from what to what. <see cref="Field"/> is a key
/// (<see cref="OccurrenceFields"/>), localized when shown.</summary>
public sealed class OccurrenceHistory
{
    public long Id { get; private set; }
    public int OccurrenceId { get; private set; }
    public DateTime AtUtc { get; private set; }
    public string UserId { get; private set; } = "";
    public string UserName { get; private set; } = "";
    public string Field { get; private set; } = "";
    public string? FromValue { get; private set; }
    public string? ToValue { get; private set; }

    private OccurrenceHistory() { }

    internal OccurrenceHistory(DateTime atUtc, string userId, string userName, string field, string? from, string? to)
    {
        AtUtc = atUtc;
        UserId = userId;
        UserName = userName;
        Field = field;
        FromValue = Cut(from);
        ToValue = Cut(to);
    }

    private static string? Cut(string? s) => s is null ? null : s.Length <= 1000 ? s : s[..999] + "…";
}

/// <summary>The history's field keys (localized as "OccurrenceField_{key}").</summary>
public static class OccurrenceFields
{
    public const string Created = "Created";
    public const string OccurredAt = "OccurredAt";
    public const string Person = "Person";
    public const string Contact = "Contact";
    public const string Type = "Type";
    public const string Reason = "Reason";
    public const string Description = "Description";
    public const string Responsible = "Responsible";
    public const string Status = "Status";
    public const string ClosingNotes = "ClosingNotes";
    public const string Forwarded = "Forwarded";
    public const string Checklist = "Checklist";
    public const string Attachment = "Attachment";
    public const string AttachmentRemoved = "AttachmentRemoved";
}

/// <summary>A file attached to an occurrence, stored under the attachments root as {companyId}/{guid} (never the user's name).</summary>
public sealed class OccurrenceAttachment
{
    public int Id { get; private set; }
    public int OccurrenceId { get; private set; }
    public int CompanyId { get; private set; }
    public string FileName { get; private set; } = "";
    public string ContentType { get; private set; } = "";
    public long Size { get; private set; }
    public string Sha256 { get; private set; } = "";
    public string StoragePath { get; private set; } = "";
    public DateTime UploadedAtUtc { get; private set; }
    public string UploadedById { get; private set; } = "";
    public string UploadedByName { get; private set; } = "";

    private OccurrenceAttachment() { }

    internal OccurrenceAttachment(int occurrenceId, int companyId, string fileName, string contentType, long size, string sha256, string storagePath,
        DateTime nowUtc, CurrentUser by)
    {
        OccurrenceId = occurrenceId;
        CompanyId = companyId;
        FileName = fileName;
        ContentType = contentType;
        Size = size;
        Sha256 = sha256;
        StoragePath = storagePath;
        UploadedAtUtc = nowUtc;
        UploadedById = by.Id;
        UploadedByName = by.FullName;
    }
}

/// <summary>A FERM0401 query a user saved under a name: the criteria as the page's URL query string.</summary>
public sealed class OccurrenceSavedQuery
{
    public int Id { get; private set; }
    public string UserId { get; private set; } = "";
    public string Name { get; private set; } = "";
    public string QueryString { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }

    private OccurrenceSavedQuery() { }

    internal OccurrenceSavedQuery(string userId, string name, string queryString, DateTime nowUtc)
    {
        UserId = userId;
        Name = name;
        QueryString = queryString;
        CreatedAtUtc = nowUtc;
    }

    internal void Replace(string queryString, DateTime nowUtc)
    {
        QueryString = queryString;
        CreatedAtUtc = nowUtc;
    }
}

internal sealed class OccurrenceConfiguration : IEntityTypeConfiguration<Occurrence>
{
    public void Configure(EntityTypeBuilder<Occurrence> b)
    {
        b.ToTable("Occurrences");
        b.Property(x => x.Description).HasMaxLength(OccurrenceInputValidator.DescriptionMaxLength).IsRequired();
        b.Property(x => x.ResponsibleUserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.ClosingNotes).HasMaxLength(OccurrenceInputValidator.NotesMaxLength);
        b.Property(x => x.CreatedById).HasMaxLength(450);
        b.Property(x => x.CreatedByName).HasMaxLength(200);
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.SetNull);
        b.HasOne<OccurrenceType>().WithMany().HasForeignKey(x => x.TypeId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<OccurrenceReason>().WithMany().HasForeignKey(x => x.ReasonId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.ResponsibleUserId).OnDelete(DeleteBehavior.Restrict);
        b.HasMany(x => x.History).WithOne().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasMany(x => x.Attachments).WithOne().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        // the number is sequential per company; the unique index makes two concurrent creations collide instead of duplicate
        b.HasIndex(x => new { x.CompanyId, x.Number }).IsUnique();
        b.HasIndex(x => new { x.CompanyId, x.OccurredAtUtc });
        b.HasIndex(x => new { x.PersonId, x.OccurredAtUtc });
        b.HasIndex(x => new { x.ResponsibleUserId, x.Status });
        // The contact's foreign-key index only where there is one (the planner still uses it for ContactId = ?): bulk
        // generation (FERM0202) writes 100,000 rows without a contact in one insert, and every index is written per row.
        b.HasIndex(x => x.ContactId).HasFilter("\"ContactId\" IS NOT NULL");
    }
}

internal sealed class OccurrenceHistoryConfiguration : IEntityTypeConfiguration<OccurrenceHistory>
{
    public void Configure(EntityTypeBuilder<OccurrenceHistory> b)
    {
        b.ToTable("OccurrenceHistory");
        b.Property(x => x.UserId).HasMaxLength(450);
        b.Property(x => x.UserName).HasMaxLength(200);
        b.Property(x => x.Field).HasMaxLength(40).IsRequired();
        b.Property(x => x.FromValue).HasMaxLength(1000);
        b.Property(x => x.ToValue).HasMaxLength(1000);
        b.HasIndex(x => new { x.OccurrenceId, x.AtUtc });
    }
}

internal sealed class OccurrenceAttachmentConfiguration : IEntityTypeConfiguration<OccurrenceAttachment>
{
    public void Configure(EntityTypeBuilder<OccurrenceAttachment> b)
    {
        b.ToTable("OccurrenceAttachments");
        b.Property(x => x.FileName).HasMaxLength(200).IsRequired();
        b.Property(x => x.ContentType).HasMaxLength(120).IsRequired();
        b.Property(x => x.Sha256).HasMaxLength(64).IsRequired();
        b.Property(x => x.StoragePath).HasMaxLength(200).IsRequired();
        b.Property(x => x.UploadedById).HasMaxLength(450);
        b.Property(x => x.UploadedByName).HasMaxLength(200);
        b.HasIndex(x => x.OccurrenceId);
    }
}

internal sealed class OccurrenceSavedQueryConfiguration : IEntityTypeConfiguration<OccurrenceSavedQuery>
{
    public void Configure(EntityTypeBuilder<OccurrenceSavedQuery> b)
    {
        b.ToTable("OccurrenceSavedQueries");
        b.Property(x => x.UserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.Name).HasMaxLength(OccurrenceInputValidator.SavedQueryNameMaxLength).IsRequired();
        b.Property(x => x.QueryString).HasMaxLength(2000).IsRequired();
        b.HasOne<AppUser>().WithMany().HasForeignKey(x => x.UserId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.UserId, x.Name }).IsUnique();
    }
}

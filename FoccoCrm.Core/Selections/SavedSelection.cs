using System.Text.Json.Serialization;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace FoccoCrm.Core.Selections;

[JsonConverter(typeof(JsonStringEnumConverter<SelectionVisibility>))]
public enum SelectionVisibility { Private = 0, Company = 1 }

/// <summary>Dynamic: the rules are evaluated at each use. Snapshot: the members were frozen at <see cref="SavedSelection.SnapshotAtUtc"/>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<SelectionKind>))]
public enum SelectionKind { Dynamic = 0, Snapshot = 1 }

/// <summary>A saved selection (FERM0202) of one company: its rules as JSON, and for a snapshot the frozen members.</summary>
public sealed class SavedSelection : ICompanyOwned, IVersioned
{
    public int Id { get; private set; }
    public int CompanyId { get; private set; }
    public string Name { get; private set; } = "";
    public string? Description { get; private set; }
    public string OwnerId { get; private set; } = "";
    public string OwnerName { get; private set; } = "";
    public SelectionVisibility Visibility { get; private set; }
    public SelectionKind Kind { get; private set; }
    public SelectionTarget Target { get; private set; }
    public string DefinitionJson { get; private set; } = "";
    public DateTime? SnapshotAtUtc { get; private set; }
    public int? SnapshotCount { get; private set; }
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime UpdatedAtUtc { get; private set; }
    public Guid Version { get; set; }

    private SavedSelection() { }

    internal static SavedSelection Create(int companyId, CurrentUser owner, DateTime nowUtc) =>
        new() { CompanyId = companyId, OwnerId = owner.Id, OwnerName = owner.FullName, CreatedAtUtc = nowUtc, UpdatedAtUtc = nowUtc };

    internal void Apply(SavedSelectionInput input, DateTime nowUtc)
    {
        Name = input.Name.Trim();
        Description = string.IsNullOrWhiteSpace(input.Description) ? null : input.Description.Trim();
        Visibility = input.Visibility;
        Kind = input.Kind;
        Target = input.Definition.Target;
        DefinitionJson = input.Definition.ToJson();
        UpdatedAtUtc = nowUtc;
        if (Kind == SelectionKind.Dynamic)
        {
            SnapshotAtUtc = null;
            SnapshotCount = null;
        }
    }

    internal void Froze(int count, DateTime nowUtc)
    {
        SnapshotAtUtc = nowUtc;
        SnapshotCount = count;
    }

    public SelectionDefinition Definition => SelectionDefinition.FromJson(DefinitionJson);

    public bool IsVisibleTo(CurrentUser user) => user.CanAccess(CompanyId) && (Visibility == SelectionVisibility.Company || OwnerId == user.Id);
}

/// <summary>A frozen member of a snapshot selection (a person, and the contact for contacts selections).</summary>
public sealed class SavedSelectionMember
{
    public long Id { get; private set; }
    public int SelectionId { get; private set; }
    public int PersonId { get; private set; }
    public int? ContactId { get; private set; }

    private SavedSelectionMember() { }
}

[JsonConverter(typeof(JsonStringEnumConverter<SelectionRunStatus>))]
public enum SelectionRunStatus { Pending = 0, Running = 1, Completed = 2, Failed = 3 }

/// <summary>
/// One "generate occurrences for all" run: its parameters, the selection as it was, the count and the outcome. The run id
/// makes it idempotent: a run creates its occurrences once (unique (RunId, PersonId)), a re-run of it creates nothing.
/// </summary>
public sealed class SelectionRun : ICompanyOwned
{
    public Guid Id { get; private set; }
    public int CompanyId { get; private set; }
    public int? SelectionId { get; private set; }
    public string SelectionName { get; private set; } = "";
    public string DefinitionJson { get; private set; } = "";
    public int TypeId { get; private set; }
    public int ReasonId { get; private set; }
    public string Description { get; private set; } = "";
    public string ResponsibleUserId { get; private set; } = "";
    public DateTime OccurredAtUtc { get; private set; }
    public SelectionRunStatus Status { get; private set; }
    /// <summary>The count shown to the user when confirming.</summary>
    public int ExpectedCount { get; private set; }
    /// <summary>Occurrences created (recounted at execution).</summary>
    public int CreatedCount { get; private set; }
    public int? FirstNumber { get; private set; }
    public int? LastNumber { get; private set; }
    public string? Error { get; private set; }
    public string CreatedById { get; private set; } = "";
    public string CreatedByName { get; private set; } = "";
    public DateTime CreatedAtUtc { get; private set; }
    public DateTime? StartedAtUtc { get; private set; }
    public DateTime? FinishedAtUtc { get; private set; }

    private SelectionRun() { }

    internal static SelectionRun Create(Guid id, int companyId, int? selectionId, string selectionName, SelectionDefinition definition,
        GenerateOccurrencesInput input, string responsibleUserId, int expectedCount, CurrentUser by, DateTime nowUtc) => new()
    {
        Id = id, CompanyId = companyId, SelectionId = selectionId, SelectionName = selectionName, DefinitionJson = definition.ToJson(),
        TypeId = input.TypeId!.Value, ReasonId = input.ReasonId!.Value, Description = input.Description.Trim(), ResponsibleUserId = responsibleUserId,
        OccurredAtUtc = DateTime.SpecifyKind(input.OccurredAtUtc, DateTimeKind.Utc), Status = SelectionRunStatus.Pending, ExpectedCount = expectedCount,
        CreatedById = by.Id, CreatedByName = by.FullName, CreatedAtUtc = nowUtc,
    };

    internal void Start(DateTime nowUtc)
    {
        Status = SelectionRunStatus.Running;
        StartedAtUtc = nowUtc;
        Error = null;
    }

    internal void Complete(int created, int? first, int? last, DateTime nowUtc)
    {
        Status = SelectionRunStatus.Completed;
        CreatedCount = created;
        FirstNumber = first;
        LastNumber = last;
        FinishedAtUtc = nowUtc;
    }

    internal void Fail(string error, DateTime nowUtc)
    {
        Status = SelectionRunStatus.Failed;
        Error = error.Length > 1000 ? error[..1000] : error;
        FinishedAtUtc = nowUtc;
    }
}

/// <summary>An occurrence a run created, for the person it was created for: the key (RunId, PersonId) keeps a run from creating two.</summary>
public sealed class SelectionRunOccurrence
{
    public Guid RunId { get; private set; }
    public int PersonId { get; private set; }
    public int OccurrenceId { get; private set; }

    private SelectionRunOccurrence() { }
}

internal sealed class SavedSelectionConfiguration : IEntityTypeConfiguration<SavedSelection>
{
    public void Configure(EntityTypeBuilder<SavedSelection> b)
    {
        b.ToTable("SavedSelections");
        b.Property(x => x.Name).HasMaxLength(SavedSelectionInputValidator.NameMaxLength).IsRequired();
        b.Property(x => x.Description).HasMaxLength(SavedSelectionInputValidator.DescriptionMaxLength);
        b.Property(x => x.OwnerId).HasMaxLength(450).IsRequired();
        b.Property(x => x.OwnerName).HasMaxLength(200).IsRequired();
        b.Property(x => x.Visibility).HasConversion<int>();
        b.Property(x => x.Kind).HasConversion<int>();
        b.Property(x => x.Target).HasConversion<int>();
        b.Property(x => x.DefinitionJson).IsRequired();
        b.Property(x => x.Version).IsConcurrencyToken();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasIndex(x => new { x.CompanyId, x.Name });
        b.HasIndex(x => new { x.CompanyId, x.OwnerId });
    }
}

internal sealed class SavedSelectionMemberConfiguration : IEntityTypeConfiguration<SavedSelectionMember>
{
    public void Configure(EntityTypeBuilder<SavedSelectionMember> b)
    {
        b.ToTable("SavedSelectionMembers");
        b.HasOne<SavedSelection>().WithMany().HasForeignKey(x => x.SelectionId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Contact>().WithMany().HasForeignKey(x => x.ContactId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => new { x.SelectionId, x.PersonId, x.ContactId });
        b.HasIndex(x => x.PersonId);
    }
}

internal sealed class SelectionRunConfiguration : IEntityTypeConfiguration<SelectionRun>
{
    public void Configure(EntityTypeBuilder<SelectionRun> b)
    {
        b.ToTable("SelectionRuns");
        b.Property(x => x.Id).ValueGeneratedNever();
        b.Property(x => x.SelectionName).HasMaxLength(SavedSelectionInputValidator.NameMaxLength).IsRequired();
        b.Property(x => x.DefinitionJson).IsRequired();
        b.Property(x => x.Description).HasMaxLength(Occurrences.OccurrenceInputValidator.DescriptionMaxLength).IsRequired();
        b.Property(x => x.ResponsibleUserId).HasMaxLength(450).IsRequired();
        b.Property(x => x.Status).HasConversion<int>();
        b.Property(x => x.Error).HasMaxLength(1000);
        b.Property(x => x.CreatedById).HasMaxLength(450).IsRequired();
        b.Property(x => x.CreatedByName).HasMaxLength(200).IsRequired();
        b.HasOne<Company>().WithMany().HasForeignKey(x => x.CompanyId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<SavedSelection>().WithMany().HasForeignKey(x => x.SelectionId).OnDelete(DeleteBehavior.SetNull);
        b.HasIndex(x => new { x.CompanyId, x.CreatedAtUtc });
    }
}

internal sealed class SelectionRunOccurrenceConfiguration : IEntityTypeConfiguration<SelectionRunOccurrence>
{
    public void Configure(EntityTypeBuilder<SelectionRunOccurrence> b)
    {
        b.ToTable("SelectionRunOccurrences");
        b.HasKey(x => new { x.RunId, x.PersonId });
        b.HasOne<SelectionRun>().WithMany().HasForeignKey(x => x.RunId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Occurrences.Occurrence>().WithMany().HasForeignKey(x => x.OccurrenceId).OnDelete(DeleteBehavior.Cascade);
        b.HasIndex(x => x.OccurrenceId).IsUnique();
    }
}

using System.Linq.Expressions;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Catalogs;

/// <summary>The auxiliary catalogs (cadastros auxiliares), with their FoccoERP program codes.</summary>
public enum CatalogKind
{
    /// <summary>FERM0100 — tipos de ocorrência.</summary>
    OccurrenceType = 1,
    /// <summary>FERM0100 — motivos de ocorrência (belong to a type).</summary>
    OccurrenceReason = 2,
    /// <summary>FCRM0100 — tipos de chamado.</summary>
    TicketType = 3,
    /// <summary>FCRM0100 — motivos de chamado (belong to a type).</summary>
    TicketReason = 4,
    /// <summary>FERM0102 — agrupadores de perguntas.</summary>
    QuestionGrouper = 5,
    /// <summary>FERM0103 — tipos de checklist.</summary>
    ChecklistType = 6,
    /// <summary>FCLI0103 REP — tipos de contato.</summary>
    ContactType = 7,
}

/// <summary>Where a checklist type (FERM0103) is filled.</summary>
public enum ChecklistUsage
{
    /// <summary>Filled on an occurrence.</summary>
    Occurrence = 1,
    /// <summary>Filled as additional data of a person (cadastro, FERM0201).</summary>
    Registration = 2,
}

/// <summary>
/// What every catalog entry has: a code (unique within its catalog, or within its type for reasons),
/// a description and an active flag. Inactive entries stay for history but are not offered for new records.
/// </summary>
public abstract class CatalogEntry : IVersioned
{
    public int Id { get; private set; }
    public int Code { get; private set; }
    public string Description { get; private set; } = "";
    public bool IsActive { get; private set; } = true;
    public Guid Version { get; set; }

    /// <summary>Copies a validated input (see <see cref="CatalogEntryInputValidator"/>).</summary>
    public virtual void Apply(CatalogEntryInput input)
    {
        Code = input.Code ?? throw new ArgumentException("Code is required.", nameof(input));
        Description = input.Description.Trim();
        IsActive = input.IsActive;
    }

    /// <summary>Keeps the entry for history and stops offering it for new records.</summary>
    public void Deactivate() => IsActive = false;
}

/// <summary>A reason (motivo) belongs to one type; its code is unique within that type.</summary>
public abstract class CatalogReason : CatalogEntry
{
    public int TypeId { get; private set; }

    internal void AttachTo(int typeId) => TypeId = typeId;
}

/// <summary>
/// What the generic <see cref="CatalogService{T}"/> needs to know about one catalog's entity.
/// Top-level catalogs use the defaults; reasons override the parent-related members.
/// </summary>
public interface ICatalogEntity<TSelf> where TSelf : CatalogEntry, ICatalogEntity<TSelf>
{
    static abstract CatalogKind Kind { get; }
    static abstract TSelf New();
    /// <summary>Projection to the read model, run in SQL.</summary>
    static abstract Expression<Func<TSelf, CatalogEntryRow>> ToRow { get; }

    /// <summary>The catalog a reason belongs to (its type's kind); null for top-level catalogs.</summary>
    static virtual CatalogKind? ParentKind => null;
    /// <summary>The entries under a parent (reasons of a type); only reasons have one.</summary>
    static virtual Expression<Func<TSelf, bool>> InParent(int parentId) => _ => false;
    /// <summary>Entries a new record may choose: active, and for reasons also of an active type.</summary>
    static virtual Expression<Func<TSelf, bool>> Selectable => e => e.IsActive;
}

public sealed class OccurrenceType : CatalogEntry, ICatalogEntity<OccurrenceType>
{
    public List<OccurrenceReason> Reasons { get; private set; } = [];
    /// <summary>The checklist (usage Occurrence, active, published) an occurrence of this type fills; it applies in the companies it is linked to.</summary>
    public int? ChecklistId { get; private set; }
    private OccurrenceType() { }
    public static CatalogKind Kind => CatalogKind.OccurrenceType;
    public static OccurrenceType New() => new();
    public static Expression<Func<OccurrenceType, CatalogEntryRow>> ToRow =>
        e => new CatalogEntryRow(e.Id, CatalogKind.OccurrenceType, e.Code, e.Description, e.IsActive, null, null, e.Reasons.Count, e.Version) { ChecklistId = e.ChecklistId };

    public override void Apply(CatalogEntryInput input)
    {
        base.Apply(input);
        ChecklistId = input.ChecklistId;
    }
}

public sealed class OccurrenceReason : CatalogReason, ICatalogEntity<OccurrenceReason>
{
    public OccurrenceType? Type { get; private set; }
    private OccurrenceReason() { }
    public static CatalogKind Kind => CatalogKind.OccurrenceReason;
    public static CatalogKind? ParentKind => CatalogKind.OccurrenceType;
    public static OccurrenceReason New() => new();
    public static Expression<Func<OccurrenceReason, CatalogEntryRow>> ToRow =>
        e => new CatalogEntryRow(e.Id, CatalogKind.OccurrenceReason, e.Code, e.Description, e.IsActive, null, e.TypeId, 0, e.Version);
    public static Expression<Func<OccurrenceReason, bool>> InParent(int parentId) => e => e.TypeId == parentId;
    public static Expression<Func<OccurrenceReason, bool>> Selectable => e => e.IsActive && e.Type!.IsActive;
}

public sealed class TicketType : CatalogEntry, ICatalogEntity<TicketType>
{
    public List<TicketReason> Reasons { get; private set; } = [];
    private TicketType() { }
    public static CatalogKind Kind => CatalogKind.TicketType;
    public static TicketType New() => new();
    public static Expression<Func<TicketType, CatalogEntryRow>> ToRow =>
        e => new CatalogEntryRow(e.Id, CatalogKind.TicketType, e.Code, e.Description, e.IsActive, null, null, e.Reasons.Count, e.Version);
}

public sealed class TicketReason : CatalogReason, ICatalogEntity<TicketReason>
{
    public TicketType? Type { get; private set; }
    private TicketReason() { }
    public static CatalogKind Kind => CatalogKind.TicketReason;
    public static CatalogKind? ParentKind => CatalogKind.TicketType;
    public static TicketReason New() => new();
    public static Expression<Func<TicketReason, CatalogEntryRow>> ToRow =>
        e => new CatalogEntryRow(e.Id, CatalogKind.TicketReason, e.Code, e.Description, e.IsActive, null, e.TypeId, 0, e.Version);
    public static Expression<Func<TicketReason, bool>> InParent(int parentId) => e => e.TypeId == parentId;
    public static Expression<Func<TicketReason, bool>> Selectable => e => e.IsActive && e.Type!.IsActive;
}

public sealed class QuestionGrouper : CatalogEntry, ICatalogEntity<QuestionGrouper>
{
    private QuestionGrouper() { }
    public static CatalogKind Kind => CatalogKind.QuestionGrouper;
    public static QuestionGrouper New() => new();
    public static Expression<Func<QuestionGrouper, CatalogEntryRow>> ToRow =>
        e => new CatalogEntryRow(e.Id, CatalogKind.QuestionGrouper, e.Code, e.Description, e.IsActive, null, null, 0, e.Version);
}

public sealed class ChecklistType : CatalogEntry, ICatalogEntity<ChecklistType>
{
    public ChecklistUsage Usage { get; private set; } = ChecklistUsage.Occurrence;
    private ChecklistType() { }
    public static CatalogKind Kind => CatalogKind.ChecklistType;
    public static ChecklistType New() => new();
    public static Expression<Func<ChecklistType, CatalogEntryRow>> ToRow =>
        e => new CatalogEntryRow(e.Id, CatalogKind.ChecklistType, e.Code, e.Description, e.IsActive, e.Usage, null, 0, e.Version);

    public override void Apply(CatalogEntryInput input)
    {
        base.Apply(input);
        Usage = input.Usage ?? throw new ArgumentException("Usage is required.", nameof(input));
    }
}

public sealed class ContactType : CatalogEntry, ICatalogEntity<ContactType>
{
    private ContactType() { }
    public static CatalogKind Kind => CatalogKind.ContactType;
    public static ContactType New() => new();
    public static Expression<Func<ContactType, CatalogEntryRow>> ToRow =>
        e => new CatalogEntryRow(e.Id, CatalogKind.ContactType, e.Code, e.Description, e.IsActive, null, null, 0, e.Version);
}

using FluentValidation;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Persons;

namespace FoccoCrm.Core.Occurrences;

/// <summary>What a user fills in FERM0200 (create and edit). The company is the current one on create.</summary>
public sealed record OccurrenceInput
{
    /// <summary>Company of a new occurrence; null = the user's current company. Ignored on edit.</summary>
    public int? CompanyId { get; set; }
    public DateTime OccurredAtUtc { get; set; }
    public int PersonId { get; set; }
    public int? ContactId { get; set; }
    public int? TypeId { get; set; }
    public int? ReasonId { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Null on create = the creator. On edit, changing it is a forward (use <see cref="OccurrenceService.ForwardAsync"/>).</summary>
    public string? ResponsibleUserId { get; set; }
    /// <summary>The checklist version the answers were given against (the type's checklist); null when there is none.</summary>
    public int? ChecklistVersionId { get; set; }
    public List<ChecklistAnswer> ChecklistAnswers { get; set; } = [];
}

public sealed record OccurrenceCloseInput
{
    public string? Notes { get; set; }
}

public sealed record OccurrenceForwardInput
{
    public string UserId { get; set; } = "";
    public string? Message { get; set; }
}

public enum OccurrenceSort { Number, OccurredAt, Person, Type, Status, Responsible }

/// <summary>FERM0401 criteria (every one optional); paged and sorted in SQL.</summary>
public sealed record OccurrenceQuery
{
    /// <summary>Null = every company the user can access.</summary>
    public int? CompanyId { get; init; }
    /// <summary>Only these occurrences (the detail view reads its row through the same visibility rules).</summary>
    public IReadOnlyList<int>? Ids { get; init; }
    /// <summary>Only the occurrences a "generate occurrences for all" run created (FERM0202), however many.</summary>
    public Guid? SelectionRunId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int? PersonId { get; init; }
    public PersonRoles? PersonRole { get; init; }
    public int? TypeId { get; init; }
    public int? ReasonId { get; init; }
    public OccurrenceStatus? Status { get; init; }
    public string? ResponsibleUserId { get; init; }
    /// <summary>Number, description, closing notes or person name.</summary>
    public string? Text { get; init; }
    public OccurrenceSort Sort { get; init; } = OccurrenceSort.OccurredAt;
    public bool Descending { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

public sealed record OccurrenceRow(int Id, int CompanyId, string CompanyCode, int Number, DateTime OccurredAtUtc, int PersonId, string PersonName,
    PersonRoles PersonRoles, PersonType PersonType, string PersonDocument, int TypeId, int TypeCode, string TypeDescription, int ReasonId, int ReasonCode,
    string ReasonDescription, string Description, string ResponsibleUserId, string ResponsibleName, OccurrenceStatus Status, DateTime? ClosedAtUtc)
{
    public string PersonDocumentFormatted => PersonDocuments.Format(PersonType, PersonDocument);
    public string TypeText => $"{TypeCode} · {TypeDescription}";
    public string ReasonText => $"{ReasonCode} · {ReasonDescription}";
}

public sealed record OccurrenceHistoryRow(long Id, DateTime AtUtc, string UserName, string Field, string? FromValue, string? ToValue);

public sealed record OccurrenceAttachmentRow(int Id, string FileName, string ContentType, long Size, string Sha256, DateTime UploadedAtUtc, string UploadedByName);

/// <summary>The checklist an occurrence shows: the response's version (or the type's latest for a first fill) and the answers.</summary>
public sealed record OccurrenceChecklist(int ChecklistId, string Code, string Description, int VersionId, int VersionNumber, ChecklistDefinition Definition,
    IReadOnlyList<ChecklistAnswer> Answers, bool Required);

/// <summary>One occurrence with everything FERM0200 shows, and what the acting user may do with it.</summary>
public sealed record OccurrenceDetail(OccurrenceRow Row, int? ContactId, string? ContactName, string? ClosingNotes, string CreatedByName, DateTime CreatedAtUtc,
    Guid Version, OccurrenceChecklist? Checklist, IReadOnlyList<OccurrenceAttachmentRow> Attachments, IReadOnlyList<OccurrenceHistoryRow> History,
    bool CanEdit, bool CanClose, bool CanForward)
{
    public OccurrenceInput ToInput() => new()
    {
        CompanyId = Row.CompanyId, OccurredAtUtc = Row.OccurredAtUtc, PersonId = Row.PersonId, ContactId = ContactId, TypeId = Row.TypeId, ReasonId = Row.ReasonId,
        Description = Row.Description, ResponsibleUserId = Row.ResponsibleUserId, ChecklistVersionId = Checklist?.VersionId,
        ChecklistAnswers = [.. Checklist?.Answers ?? []],
    };
}

/// <summary>An active user of a company (responsible and forward pickers).</summary>
public sealed record OccurrenceUserOption(string Id, string FullName, string Email)
{
    public override string ToString() => FullName;
}

public sealed record OccurrenceSavedQueryRow(int Id, string Name, string QueryString);

/// <summary>An Occurrence-usage checklist the FERM0100 type form offers.</summary>
public sealed record OccurrenceChecklistOption(int Id, string Code, string Description)
{
    public override string ToString() => $"{Code} · {Description}";
}

public sealed class OccurrenceInputValidator : AbstractValidator<OccurrenceInput>
{
    public const int DescriptionMaxLength = 4000;
    public const int NotesMaxLength = 2000;
    public const int MessageMaxLength = 500;
    public const int SavedQueryNameMaxLength = 80;

    public OccurrenceInputValidator()
    {
        RuleFor(x => x.OccurredAtUtc).NotEqual(default(DateTime)).WithName(_ => OccurrenceMessages.Field_OccurredAt);
        RuleFor(x => x.PersonId).GreaterThan(0).WithMessage(_ => OccurrenceMessages.OccurrencePersonRequired);
        RuleFor(x => x.TypeId).NotNull().WithName(_ => OccurrenceMessages.Field_OccurrenceType);
        RuleFor(x => x.ReasonId).NotNull().WithName(_ => OccurrenceMessages.Field_OccurrenceReason);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(DescriptionMaxLength).WithName(_ => Messages.Field_Description);
    }
}

public sealed class OccurrenceCloseInputValidator : AbstractValidator<OccurrenceCloseInput>
{
    public OccurrenceCloseInputValidator()
    {
        RuleFor(x => x.Notes).NotEmpty().MaximumLength(OccurrenceInputValidator.NotesMaxLength).WithName(_ => OccurrenceMessages.Field_ClosingNotes);
    }
}

public sealed class OccurrenceForwardInputValidator : AbstractValidator<OccurrenceForwardInput>
{
    public OccurrenceForwardInputValidator()
    {
        RuleFor(x => x.UserId).NotEmpty().WithName(_ => OccurrenceMessages.Field_ForwardTo);
        RuleFor(x => x.Message).MaximumLength(OccurrenceInputValidator.MessageMaxLength).WithName(_ => OccurrenceMessages.Field_ForwardMessage);
    }
}

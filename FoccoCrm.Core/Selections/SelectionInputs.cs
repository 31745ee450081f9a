using FluentValidation;
using FoccoCrm.Core.Persons;

namespace FoccoCrm.Core.Selections;

/// <summary>Save (create or edit) a selection: name, description, visibility, dynamic/snapshot and the rules.</summary>
public sealed record SavedSelectionInput
{
    public string Name { get; set; } = "";
    public string? Description { get; set; }
    public SelectionVisibility Visibility { get; set; } = SelectionVisibility.Private;
    public SelectionKind Kind { get; set; } = SelectionKind.Dynamic;
    public SelectionDefinition Definition { get; set; } = new();
}

public sealed class SavedSelectionInputValidator : AbstractValidator<SavedSelectionInput>
{
    public const int NameMaxLength = 120;
    public const int DescriptionMaxLength = 1000;

    public SavedSelectionInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().WithMessage(_ => SelectionMessages.SelectionNameRequired).MaximumLength(NameMaxLength)
            .WithName(_ => SelectionMessages.Field_SelectionName);
        RuleFor(x => x.Description).MaximumLength(DescriptionMaxLength).WithName(_ => SelectionMessages.Field_SelectionDescription);
        RuleFor(x => x.Visibility).IsInEnum();
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Definition).NotNull();
    }
}

/// <summary>"Gerar ocorrências para todos": what every created occurrence gets.</summary>
public sealed record GenerateOccurrencesInput
{
    public int? TypeId { get; set; }
    public int? ReasonId { get; set; }
    public string Description { get; set; } = "";
    /// <summary>Null = the user running it.</summary>
    public string? ResponsibleUserId { get; set; }
    public DateTime OccurredAtUtc { get; set; }

    /// <summary>Above this many occurrences the user types the number to confirm (UX.md, rule builder point 9).</summary>
    public const int TypedConfirmationAbove = 50;

    /// <summary>Whether generating <paramref name="count"/> occurrences needs the typed confirmation.</summary>
    public static bool NeedsTypedConfirmation(int? count) => count > TypedConfirmationAbove;
}

public sealed class GenerateOccurrencesInputValidator : AbstractValidator<GenerateOccurrencesInput>
{
    public GenerateOccurrencesInputValidator()
    {
        RuleFor(x => x.TypeId).NotNull().WithMessage(_ => SelectionMessages.SelectionRunTypeRequired);
        RuleFor(x => x.ReasonId).NotNull().WithMessage(_ => SelectionMessages.SelectionRunReasonRequired);
        RuleFor(x => x.Description).NotEmpty().WithMessage(_ => SelectionMessages.SelectionRunDescriptionRequired)
            .MaximumLength(Occurrences.OccurrenceInputValidator.DescriptionMaxLength);
        RuleFor(x => x.OccurredAtUtc).NotEqual(default(DateTime)).WithMessage(_ => SelectionMessages.SelectionRunDateRequired);
    }
}

/// <summary>A row of the preview grid (and of exports): the person, and the contact for contacts selections.</summary>
public sealed record SelectionPreviewRow(
    int PersonId, int? ContactId, string Name, string? TradeName, PersonType Type, string Document, PersonRoles Roles,
    string? Email, string? Phone, string? City, string? State, bool IsActive,
    string? ContactName, string? ContactEmail, string? ContactPhone);

/// <summary>One page of the preview; the total is <see cref="SelectionService.CountAsync"/>.</summary>
public sealed record SelectionPreviewPage(IReadOnlyList<SelectionPreviewRow> Items, int Page, int PageSize, bool HasMore);

/// <summary>"Why does this person match?": the whole result and each node's.</summary>
public sealed record SelectionExplanation(int PersonId, string PersonName, bool Matches, IReadOnlyList<SelectionNodeResult> Nodes);

/// <summary>
/// A node's result for the person. Top-level nodes: the node itself. Nodes inside a related-data condition: whether at least
/// one related record satisfies that node alone. <see cref="Result"/> is null when the node is left out (incomplete).
/// </summary>
public sealed record SelectionNodeResult(Guid NodeId, string Path, int Depth, bool? Result, bool InsideRelation);

public enum SelectionIssueSeverity { Incomplete, Invalid }

/// <summary>A problem of one node: incomplete (left out of count/preview with a warning) or invalid (the selection cannot run).</summary>
public sealed record SelectionIssue(Guid NodeId, string Path, SelectionIssueSeverity Severity, string Message);

/// <summary>A saved selection as lists show it.</summary>
public sealed record SavedSelectionRow(
    int Id, int CompanyId, string Name, string? Description, string OwnerId, string OwnerName, SelectionVisibility Visibility,
    SelectionKind Kind, SelectionTarget Target, DateTime? SnapshotAtUtc, int? SnapshotCount, DateTime UpdatedAtUtc, Guid Version, bool CanEdit);

/// <summary>A saved selection with its rules.</summary>
public sealed record SavedSelectionDetail(SavedSelectionRow Row, SelectionDefinition Definition);

/// <summary>A generation run as the run log shows it.</summary>
public sealed record SelectionRunRow(
    Guid Id, int CompanyId, int? SelectionId, string SelectionName, int TypeId, int ReasonId, string Description, string ResponsibleUserId,
    DateTime OccurredAtUtc, SelectionRunStatus Status, int ExpectedCount, int CreatedCount, int? FirstNumber, int? LastNumber, string? Error,
    string CreatedByName, DateTime CreatedAtUtc, DateTime? StartedAtUtc, DateTime? FinishedAtUtc);

/// <summary>Progress of a run (for a progress bar): a phase and, when known, done/total.</summary>
public sealed record SelectionRunProgress(Guid RunId, SelectionRunStatus Status, string Phase, int Done, int Total);

/// <summary>A run a stopped process left unfinished: who started it, where, and the count they confirmed.</summary>
public sealed record InterruptedSelectionRun(Guid RunId, int CompanyId, string CreatedById, int ExpectedCount);

/// <summary>The columns an export can have.</summary>
public enum SelectionExportColumn
{
    Name, TradeName, Type, Document, Roles, Email, Phone, City, State, Active, ContactName, ContactEmail, ContactPhone,
}

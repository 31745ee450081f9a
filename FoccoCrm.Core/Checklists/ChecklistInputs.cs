using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Checklists;

// ------------------------------------------------------------------ question bank (FERM0104)

/// <summary>An option as the question form edits it: keep <see cref="Id"/> to keep the option (and the conditions using it).</summary>
public sealed record QuestionOptionInput
{
    public int? Id { get; set; }
    public string Text { get; set; } = "";
}

public sealed record QuestionInput
{
    public string Text { get; set; } = "";
    public int GrouperId { get; set; }
    public AnswerKind Kind { get; set; } = AnswerKind.SingleChoice;
    public bool IsActive { get; set; } = true;
    /// <summary>Ordered options of single/multiple choice questions (ignored for yes/no, which always has Sim/Não, and for the other kinds).</summary>
    public List<QuestionOptionInput> Options { get; set; } = [];
}

public sealed class QuestionInputValidator : AbstractValidator<QuestionInput>
{
    public const int TextMaxLength = 300;
    public const int OptionMaxLength = 120;
    public const int MaxOptions = 50;

    public QuestionInputValidator()
    {
        RuleFor(x => x.Text).NotEmpty().MaximumLength(TextMaxLength).WithName(_ => ChecklistMessages.Field_QuestionText);
        RuleFor(x => x.GrouperId).GreaterThan(0).WithMessage(_ => ChecklistMessages.QuestionGrouperInvalid);
        RuleFor(x => x.Kind).IsInEnum().WithName(_ => ChecklistMessages.Field_AnswerKind);
        When(x => x.Kind is AnswerKind.SingleChoice or AnswerKind.MultipleChoice, () =>
        {
            RuleFor(x => x.Options).Must(o => o.Count(x => !string.IsNullOrWhiteSpace(x.Text)) >= 2 && o.Count <= MaxOptions)
                .WithMessage(_ => Messages.Format(nameof(ChecklistMessages.QuestionOptionsRequired), MaxOptions));
            RuleForEach(x => x.Options).ChildRules(o =>
                o.RuleFor(x => x.Text).NotEmpty().MaximumLength(OptionMaxLength).WithName(_ => ChecklistMessages.Field_QuestionOption));
            RuleFor(x => x.Options)
                .Must(o => o.Select(x => x.Text.Trim().ToUpperInvariant()).Distinct().Count() == o.Count)
                .WithMessage(_ => ChecklistMessages.QuestionOptionsDuplicated);
        });
    }
}

/// <summary>Question bank list filter; paging, search and counts in SQL.</summary>
public sealed record QuestionQuery
{
    public string? Search { get; set; }
    public int? GrouperId { get; set; }
    public AnswerKind? Kind { get; set; }
    public bool IncludeInactive { get; set; }
    public int Skip { get; set; }
    public int Take { get; set; } = 50;
}

/// <summary>A bank question as lists show it. <see cref="UsedInChecklists"/>: checklists whose draft or a published version uses it.</summary>
public sealed record QuestionRow(int Id, string Text, int GrouperId, int GrouperCode, string GrouperDescription, AnswerKind Kind,
    bool IsActive, int OptionCount, int UsedInChecklists, Guid Version)
{
    public string KindName => ChecklistMessages.KindName(Kind);
}

/// <summary>A bank question with its options (the edit form; also the designer's library items via <see cref="ToForm"/>).</summary>
public sealed record QuestionDetail(int Id, string Text, int GrouperId, int GrouperCode, string GrouperDescription, AnswerKind Kind,
    bool IsActive, IReadOnlyList<FormOption> Options, int UsedInChecklists, Guid Version)
{
    public QuestionInput ToInput() => new()
    {
        Text = Text, GrouperId = GrouperId, Kind = Kind, IsActive = IsActive,
        Options = [.. Options.Select(o => new QuestionOptionInput { Id = o.Id, Text = o.Text })],
    };

    public FormQuestion ToForm() => new(Id, Text, Kind, Options, GrouperId, IsActive);
}

// ------------------------------------------------------------------ checklists (FERM0105)

public sealed record ChecklistInput
{
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
    public int TypeId { get; set; }
    /// <summary>Optional product (Commercial; products belong to a company).</summary>
    public int? ProductId { get; set; }
    public bool IsActive { get; set; } = true;
    /// <summary>The companies that use it; none is allowed while drafting, but then it cannot be published.</summary>
    public List<int> CompanyIds { get; set; } = [];
}

public sealed class ChecklistInputValidator : AbstractValidator<ChecklistInput>
{
    public const int CodeMaxLength = 20;
    public const int DescriptionMaxLength = 120;

    public ChecklistInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().MaximumLength(CodeMaxLength).WithName(_ => Messages.Field_Code);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(DescriptionMaxLength).WithName(_ => Messages.Field_Description);
        RuleFor(x => x.TypeId).GreaterThan(0).WithMessage(_ => ChecklistMessages.ChecklistTypeInvalid);
    }
}

public sealed record ChecklistQuery
{
    public string? Search { get; set; }
    public int? TypeId { get; set; }
    public bool IncludeInactive { get; set; }
    public int Skip { get; set; }
    public int Take { get; set; } = 50;
}

/// <summary>
/// A checklist as lists show it. <see cref="LatestVersionNumber"/> is null until published; <see cref="HasUnpublishedChanges"/>
/// when the draft changed after the last publication.
/// </summary>
public sealed record ChecklistRow(int Id, string Code, string Description, int TypeId, int TypeCode, string TypeDescription, ChecklistUsage Usage,
    int? ProductId, string? ProductCode, string? ProductDescription, bool IsActive, IReadOnlyList<int> CompanyIds, int NodeCount,
    int? LatestVersionNumber, DateTime? LatestPublishedAtUtc, bool HasUnpublishedChanges, Guid Version)
{
    public bool HasCompany => CompanyIds.Count > 0;

    public ChecklistInput ToInput() => new()
    {
        Code = Code, Description = Description, TypeId = TypeId, ProductId = ProductId, IsActive = IsActive, CompanyIds = [.. CompanyIds],
    };
}

/// <summary>One published version in the history.</summary>
public sealed record ChecklistVersionRow(int Id, int ChecklistId, int Number, DateTime PublishedAtUtc, string PublishedByName, int NodeCount);

/// <summary>A published version with its frozen tree (question and option texts as published).</summary>
public sealed record ChecklistVersionDetail(ChecklistVersionRow Version, string Code, string Description, ChecklistDefinition Definition);

/// <summary>Why a checklist cannot be published yet (the designer shows these plainly).</summary>
public sealed record PublishProblem(string Message, IReadOnlyList<Guid> NodeIds);

// ------------------------------------------------------------------ person additional data (FERM0201)

/// <summary>
/// A Registration checklist offered for a person in the current company, with the person's response if any
/// (<see cref="ResponseVersionNumber"/> older than <see cref="LatestVersionNumber"/>: the user may move it to the latest).
/// </summary>
public sealed record PersonChecklistRow(int ChecklistId, string Code, string Description, int LatestVersionId, int LatestVersionNumber,
    int? ResponseId, int? ResponseVersionNumber, int AnswerCount, DateTime? UpdatedAtUtc, string? UpdatedByName)
{
    public bool IsFilled => ResponseId is not null;
    public bool IsOnOlderVersion => ResponseVersionNumber is { } v && v < LatestVersionNumber;
}

/// <summary>
/// What the filling component needs for (person, checklist): the version's frozen tree, the answers, and whether the user may
/// only read. Save with <see cref="PersonChecklistService.SaveAsync"/> passing <see cref="VersionId"/> and <see cref="ResponseVersion"/>.
/// </summary>
public sealed record PersonChecklistForm(int PersonId, int ChecklistId, string Code, string Description, int VersionId, int VersionNumber,
    int LatestVersionId, int LatestVersionNumber, int? ResponseId, Guid? ResponseVersion, ChecklistDefinition Definition,
    IReadOnlyList<ChecklistAnswer> Answers, bool ReadOnly)
{
    public bool IsOnOlderVersion => VersionNumber < LatestVersionNumber;
}

/// <summary>What the user saves: the answers against <see cref="VersionId"/> (the response's version, or the latest to move it).</summary>
public sealed record PersonChecklistSave
{
    public int VersionId { get; set; }
    /// <summary>The response's <c>Version</c> as read (null for a first fill).</summary>
    public Guid? ExpectedResponseVersion { get; set; }
    public List<ChecklistAnswer> Answers { get; set; } = [];
}

/// <summary>A person's filled checklist in their history.</summary>
public sealed record PersonResponseRow(int ResponseId, int ChecklistId, string Code, string Description, int VersionNumber, int AnswerCount,
    DateTime UpdatedAtUtc, string UpdatedByName);

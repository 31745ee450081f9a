using FluentValidation;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Catalogs;

/// <summary>What a user types for a catalog entry. <see cref="Kind"/> says which catalog (the rules differ a little).</summary>
public sealed record CatalogEntryInput
{
    public CatalogKind Kind { get; set; }
    public int? Code { get; set; }
    public string Description { get; set; } = "";
    public bool IsActive { get; set; } = true;
    /// <summary>Checklist types (FERM0103) only.</summary>
    public ChecklistUsage? Usage { get; set; }
    /// <summary>Occurrence types (FERM0100) only: the checklist an occurrence of the type fills (optional).</summary>
    public int? ChecklistId { get; set; }
}

/// <summary>A catalog entry as lists show it. <see cref="ParentId"/> is a reason's type; <see cref="ReasonCount"/> a type's reasons.</summary>
public sealed record CatalogEntryRow(int Id, CatalogKind Kind, int Code, string Description, bool IsActive,
    ChecklistUsage? Usage, int? ParentId, int ReasonCount, Guid Version)
{
    /// <summary>Occurrence types only: the linked checklist.</summary>
    public int? ChecklistId { get; init; }

    public CatalogEntryInput ToInput() => new() { Kind = Kind, Code = Code, Description = Description, IsActive = IsActive, Usage = Usage, ChecklistId = ChecklistId };
    public CatalogEntryRef ToRef() => new(Kind, Id, Code, Description);
}

/// <summary>An active entry offered by a picker.</summary>
public sealed record CatalogOption(int Id, int Code, string Description)
{
    public override string ToString() => $"{Code} · {Description}";
}

public sealed class CatalogEntryInputValidator : AbstractValidator<CatalogEntryInput>
{
    public const int DescriptionMaxLength = 80;
    public const int CodeMax = 999_999;

    public CatalogEntryInputValidator()
    {
        RuleFor(x => x.Kind).IsInEnum();
        RuleFor(x => x.Code).NotNull().WithName(_ => Messages.Field_Code)
            .InclusiveBetween(1, CodeMax).WithMessage(_ => Messages.Format(nameof(Messages.CatalogCodeRange), CodeMax));
        RuleFor(x => x.Description).NotEmpty().MaximumLength(DescriptionMaxLength).WithName(_ => Messages.Field_Description);
        RuleFor(x => x.Usage).NotNull().IsInEnum().WithName(_ => Messages.Field_ChecklistUsage).When(x => x.Kind == CatalogKind.ChecklistType);
        RuleFor(x => x.Usage).Null().When(x => x.Kind != CatalogKind.ChecklistType);
        RuleFor(x => x.ChecklistId).Null().When(x => x.Kind != CatalogKind.OccurrenceType);
    }
}

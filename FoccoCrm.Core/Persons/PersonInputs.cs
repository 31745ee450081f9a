using FluentValidation;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Persons;

public sealed record PersonInput
{
    public PersonType Type { get; set; } = PersonType.Legal;
    public PersonRoles Roles { get; set; } = PersonRoles.Customer;
    public bool IsForeign { get; set; }
    public string Document { get; set; } = "";
    public string Name { get; set; } = "";
    public string? TradeName { get; set; }
    public string? Email { get; set; }
    public string? SecondaryEmail { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public string? Street { get; set; }
    public string? Number { get; set; }
    public string? Complement { get; set; }
    public string? District { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? ZipCode { get; set; }
    public string? Country { get; set; } = "Brasil";
    public string? ExternalCode { get; set; }
    public bool IsActive { get; set; } = true;
}

public sealed record ContactInput
{
    public string Name { get; set; } = "";
    public int ContactTypeId { get; set; }
    public string? Department { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public DateOnly? BirthDate { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A row of the person list (and the whole record for the form).</summary>
public sealed record PersonRow(int Id, PersonType Type, PersonRoles Roles, bool IsForeign, string Document, string Name, string? TradeName,
    string? Email, string? SecondaryEmail, string? Phone, string? Mobile, string? Street, string? Number, string? Complement,
    string? District, string? City, string? State, string? ZipCode, string Country, string? ExternalCode, bool IsActive, Guid Version)
{
    public string DocumentFormatted => PersonDocuments.Format(Type, Document);
    public string ZipCodeFormatted => ZipCodes.Format(ZipCode);

    public PersonInput ToInput() => new()
    {
        Type = Type, Roles = Roles, IsForeign = IsForeign, Document = DocumentFormatted, Name = Name, TradeName = TradeName,
        Email = Email, SecondaryEmail = SecondaryEmail, Phone = Phone, Mobile = Mobile, Street = Street, Number = Number,
        Complement = Complement, District = District, City = City, State = State, ZipCode = ZipCodeFormatted, Country = Country,
        ExternalCode = ExternalCode, IsActive = IsActive,
    };
}

public sealed record ContactRow(int Id, int PersonId, string Name, int ContactTypeId, int ContactTypeCode, string ContactTypeDescription,
    string? Department, string? Email, string? Phone, string? Mobile, DateOnly? BirthDate, bool IsActive, Guid Version)
{
    public ContactInput ToInput() => new()
    {
        Name = Name, ContactTypeId = ContactTypeId, Department = Department, Email = Email, Phone = Phone, Mobile = Mobile,
        BirthDate = BirthDate, IsActive = IsActive,
    };
}

/// <summary>A customer assigned to a representative in a company.</summary>
public sealed record AssignedCustomerRow(int CustomerId, string Name, string? TradeName, PersonType Type, string Document, string? City, string? State)
{
    public string DocumentFormatted => PersonDocuments.Format(Type, Document);
}

public enum PersonSort { Name, City, Document }

/// <summary>What the person list asks for: one page, sorted and filtered in SQL.</summary>
public sealed record PersonQuery
{
    public string? Search { get; init; }
    public PersonRoles? Role { get; init; }
    public bool IncludeInactive { get; init; }
    public PersonSort Sort { get; init; } = PersonSort.Name;
    public bool Descending { get; init; }
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

public sealed record PagedResult<T>(IReadOnlyList<T> Items, int TotalCount);

public sealed class PersonInputValidator : AbstractValidator<PersonInput>
{
    public PersonInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(150).WithName(_ => Messages.Field_Name);
        RuleFor(x => x.TradeName).MaximumLength(150).WithName(_ => Messages.Field_TradeName);
        RuleFor(x => x.Roles).NotEqual(PersonRoles.None).WithMessage(_ => Messages.PersonRoleRequired);
        RuleFor(x => x.Document).NotEmpty().WithName(_ => Messages.Field_Document).When(x => !x.IsForeign);
        RuleFor(x => x.Document)
            .Must(d => Cpf.IsValid(d)).WithMessage(_ => Messages.InvalidCpf)
            .When(x => x.Type == PersonType.Individual && !string.IsNullOrWhiteSpace(x.Document));
        RuleFor(x => x.Document)
            .Must(d => Cnpj.IsValid(d)).WithMessage(_ => Messages.InvalidCnpj)
            .When(x => x.Type == PersonType.Legal && !string.IsNullOrWhiteSpace(x.Document));
        RuleFor(x => x.Email).EmailAddress().WithMessage(_ => Messages.InvalidEmail).MaximumLength(254)
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.SecondaryEmail).EmailAddress().WithMessage(_ => Messages.InvalidEmail).MaximumLength(254)
            .When(x => !string.IsNullOrWhiteSpace(x.SecondaryEmail));
        RuleFor(x => x.State).Must(States.IsValid).WithMessage(_ => Messages.InvalidState)
            .When(x => !string.IsNullOrWhiteSpace(x.State));
        RuleFor(x => x.ZipCode).Must(ZipCodes.IsValid).WithMessage(_ => Messages.InvalidZipCode)
            .When(x => !string.IsNullOrWhiteSpace(x.ZipCode));
        RuleFor(x => x.City).MaximumLength(80);
        RuleFor(x => x.ExternalCode).MaximumLength(40);
        RuleFor(x => x.Phone).MaximumLength(30);
        RuleFor(x => x.Mobile).MaximumLength(30);
    }
}

public sealed class ContactInputValidator : AbstractValidator<ContactInput>
{
    public ContactInputValidator()
    {
        RuleFor(x => x.Name).NotEmpty().MaximumLength(120).WithName(_ => Messages.Field_Name);
        RuleFor(x => x.ContactTypeId).GreaterThan(0).WithMessage(_ => Messages.ContactTypeRequired);
        RuleFor(x => x.Email).EmailAddress().WithMessage(_ => Messages.InvalidEmail).MaximumLength(254)
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.Department).MaximumLength(80);
        RuleFor(x => x.Phone).MaximumLength(30);
        RuleFor(x => x.Mobile).MaximumLength(30);
    }
}

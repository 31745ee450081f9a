using FluentValidation;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Identity;

public sealed record UserInput
{
    public string Email { get; set; } = "";
    public string FullName { get; set; } = "";
    /// <summary>Required when creating; ignored when updating (use ResetPassword).</summary>
    public string? Password { get; set; }
    public List<string> Roles { get; set; } = [];
    public List<int> CompanyIds { get; set; } = [];
    public bool IsActive { get; set; } = true;
    /// <summary>The person this login is (a representative's login sees only the customers of that representative).</summary>
    public int? PersonId { get; set; }
}

public sealed record UserRow(string Id, string Email, string FullName, bool IsActive, bool IsLockedOut,
    IReadOnlyList<string> Roles, IReadOnlyList<int> CompanyIds, IReadOnlyList<string> CompanyCodes, int? PersonId = null, string? PersonName = null);

public sealed class UserInputValidator : AbstractValidator<UserInput>
{
    public const int MinPasswordLength = 12;

    public UserInputValidator()
    {
        RuleFor(x => x.Email).NotEmpty().EmailAddress().MaximumLength(256).WithName(_ => Messages.Field_Email);
        RuleFor(x => x.FullName).NotEmpty().MaximumLength(120).WithName(_ => Messages.Field_FullName);
        RuleFor(x => x.Roles).NotEmpty().WithMessage(_ => Messages.AtLeastOneRole);
        RuleForEach(x => x.Roles).Must(r => Identity.Roles.All.Contains(r)).WithMessage(_ => Messages.UnknownRole);
    }
}

/// <summary>The password policy: at least 12 characters, no composition rules (NIST SP 800-63B).</summary>
public sealed class PasswordValidator : AbstractValidator<string?>
{
    public PasswordValidator()
    {
        RuleFor(x => x).NotEmpty().WithName(_ => Messages.Field_Password)
            .MinimumLength(UserInputValidator.MinPasswordLength).WithMessage(_ => Messages.PasswordTooShort);
    }
}

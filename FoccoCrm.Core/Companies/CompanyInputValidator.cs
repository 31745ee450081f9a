using FluentValidation;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Companies;

public sealed class CompanyInputValidator : AbstractValidator<CompanyInput>
{
    public CompanyInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().MaximumLength(10).Matches("^[A-Za-z0-9_-]*$").WithName(_ => Messages.Field_Code);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(120).WithName(_ => Messages.Field_Name);
        RuleFor(x => x.Cnpj).NotEmpty().WithName(_ => Messages.Field_Cnpj)
            .Must(Cnpj.IsValid).WithMessage(_ => Messages.InvalidCnpj).When(x => !string.IsNullOrWhiteSpace(x.Cnpj), ApplyConditionTo.CurrentValidator);
        RuleFor(x => x.TimeZoneId).NotEmpty().WithName(_ => Messages.Field_TimeZone)
            .Must(TimeZones.IsKnown).WithMessage(_ => Messages.InvalidTimeZone);
    }
}

public static class TimeZones
{
    public static bool IsKnown(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _);

    /// <summary>The zones a Brazilian company is likely to use, first; then every IANA zone of the system.</summary>
    public static IReadOnlyList<string> Choices { get; } =
        new[] { "America/Sao_Paulo", "America/Manaus", "America/Cuiaba", "America/Belem", "America/Fortaleza",
                "America/Recife", "America/Bahia", "America/Porto_Velho", "America/Boa_Vista", "America/Rio_Branco",
                "America/Noronha" }
        .Concat(TimeZoneInfo.GetSystemTimeZones().Select(z => z.Id).Where(id => id.Contains('/')).Order())
        .Distinct().ToArray();
}

using FluentValidation;

namespace FoccoCrm.Core.Common;

public static class ValidationExtensions
{
    /// <summary>Validates and throws FluentValidation's <see cref="ValidationException"/> with every failure.</summary>
    public static async Task EnsureValidAsync<T>(this IValidator<T> validator, T input, CancellationToken ct = default)
    {
        var result = await validator.ValidateAsync(input, ct);
        if (!result.IsValid) throw new ValidationException(result.Errors);
    }

    public static IRuleBuilderOptions<T, string?> ValidCnpj<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Cnpj.IsValid).WithMessage(Messages.InvalidCnpj);

    public static IRuleBuilderOptions<T, string?> ValidCpf<T>(this IRuleBuilder<T, string?> rule) =>
        rule.Must(Cpf.IsValid).WithMessage(Messages.InvalidCpf);
}

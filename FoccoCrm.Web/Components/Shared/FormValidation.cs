using FluentValidation;

namespace FoccoCrm.Web.Components.Shared;

/// <summary>
/// Lets a MudForm use Core's FluentValidation validator for its field messages
/// (MudForm's Validation parameter), so the same rules run in the form and in the service.
/// </summary>
public static class FormValidation
{
    public static Func<object, string, Task<IEnumerable<string>>> For<T>(IValidator<T> validator) => async (model, propertyName) =>
    {
        var context = ValidationContext<T>.CreateWithOptions((T)model, o => o.IncludeProperties(propertyName));
        var result = await validator.ValidateAsync(context);
        return result.IsValid ? [] : result.Errors.Select(e => e.ErrorMessage);
    };

    /// <summary>The messages of a service's <see cref="ValidationException"/>, one per line.</summary>
    public static IReadOnlyList<string> Messages(ValidationException ex) => ex.Errors.Select(e => e.ErrorMessage).Distinct().ToList();
}

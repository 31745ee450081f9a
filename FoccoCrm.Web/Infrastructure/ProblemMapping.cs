using FluentValidation;
using FoccoCrm.Core.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace FoccoCrm.Web.Infrastructure;

/// <summary>Turns Core's exceptions into RFC 7807 problem details for the HTTP API.</summary>
public sealed class ProblemMapping(IProblemDetailsService problems) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext context, Exception exception, CancellationToken ct)
    {
        if (!context.Request.Path.StartsWithSegments("/api")) return false;
        ProblemDetails? details = exception switch
        {
            ValidationException v => new HttpValidationProblemDetails(
                v.Errors.GroupBy(e => string.IsNullOrEmpty(e.PropertyName) ? "" : char.ToLowerInvariant(e.PropertyName[0]) + e.PropertyName[1..])
                    .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).ToArray()))
            { Status = 400, Title = "Validation failed" },
            ForbiddenException f => new ProblemDetails { Status = 403, Title = "Forbidden", Detail = f.Message },
            NotFoundException n => new ProblemDetails { Status = 404, Title = "Not found", Detail = n.Message },
            ConcurrencyConflictException c => new ProblemDetails { Status = 409, Title = "Conflict", Detail = c.Message },
            BusinessRuleException b => new ProblemDetails { Status = 422, Title = "Business rule", Detail = b.Message },
            _ => null,
        };
        if (details is null) return false;
        context.Response.StatusCode = details.Status!.Value;
        return await problems.TryWriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = details, Exception = exception });
    }
}

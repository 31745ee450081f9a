using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;

namespace FoccoCrm.Web.Api;

/// <summary>
/// /api batch upserts for an ERP pushing data: the same Core import targets as the import page (FUTL0130), so the same
/// validation, permissions (administrators and managers) and all-or-nothing transaction. Bad rows → 400 with errors keyed
/// "[index].Field" (0-based) and nothing written.
/// </summary>
public static class ImportApiEndpoints
{
    public static IEndpointRouteBuilder MapFoccoImportApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSecuredApi("/api");

        api.MapPost("/persons", (IReadOnlyList<PersonInput> persons, HttpContext http, UserAccessService access, PersonImportTarget target) =>
                UpsertAsync(persons, http, access, target))
            .WithName("UpsertPersons")
            .WithSummary("Insert or update persons by ExternalCode (JSON array, all or nothing).")
            .WithDescription($"""
                Each person is matched by `externalCode` (required): unknown codes are inserted, known ones replaced with the
                values sent. `type`: 0 individual (CPF), 1 legal (CNPJ); `roles` (flags): 1 customer, 2 representative,
                4 supplier, 8 employee, 16 user, 32 consumer. CPF/CNPJ check digits, UF and CEP are validated and documents
                must be unique. If any item is invalid nothing is written and the 400 response lists the problems as
                `[index].field` (0-based). At most {ImportTarget<PersonInput>.MaxApiBatch} items per call. Administrators and managers only.
                """)
            .Produces<UpsertResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        api.MapPost("/contacts", (IReadOnlyList<ContactImportInput> contacts, HttpContext http, UserAccessService access, ContactImportTarget target) =>
                UpsertAsync(contacts, http, access, target))
            .WithName("UpsertContacts")
            .WithSummary("Insert or update contacts of persons (JSON array, all or nothing).")
            .WithDescription("""
                The person is found by `personExternalCode` (it must exist); within the person the contact is matched by
                `name` (case ignored): new names are added, known ones replaced with the values sent. `contactTypeCode` is the
                code of an active contact type (FCLI0103: 1 Comprador, 2 Vendas, 3 Representante, 4 Secretária). Errors as for
                /api/persons: `[index].field`, nothing written. Administrators and managers only.
                """)
            .Produces<UpsertResult>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);

        return app;
    }

    private static async Task<IResult> UpsertAsync<TInput>(IReadOnlyList<TInput> items, HttpContext http, UserAccessService access, ImportTarget<TInput> target)
        where TInput : class, new()
    {
        var user = await http.CurrentUserAsync(access);
        var outcome = await target.UpsertAsync(user, items, http.RequestAborted);
        return Results.Ok(new UpsertResult(outcome.Inserted, outcome.Updated));
    }
}

using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace FoccoCrm.Web.Api;

/// <summary>
/// /api/occurrences (FERM0200/FERM0401): query, read, create, update, close, reopen, forward, attachments — the same
/// <see cref="OccurrenceService"/> calls as the screens, so the same validation (400), permissions (403/404), rules (422) and
/// concurrency (409). Also the web download of attachments (<c>/occurrences/attachments/{id}</c>, signed-in cookie).
/// </summary>
public static class OccurrenceApiEndpoints
{
    public static IEndpointRouteBuilder MapOccurrenceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSecuredApi("/api/occurrences");

        api.MapGet("/", async ([AsParameters] OccurrenceQueryRequest q, HttpContext http, UserAccessService access, OccurrenceService service) =>
                Results.Ok(await service.QueryAsync(await http.CurrentUserAsync(access), q.ToQuery(), http.RequestAborted)))
            .WithName("QueryOccurrences")
            .WithSummary("FERM0401: occurrences matching the criteria (all optional; `selectionRunId` = those a FERM0202 generation run created), " +
                         "paged (skip/take ≤ 10000) and sorted on the server.")
            .Produces<PagedResult<OccurrenceRow>>();

        api.MapGet("/{id:int}", async (int id, HttpContext http, UserAccessService access, OccurrenceService service) =>
                Results.Ok(await service.GetAsync(await http.CurrentUserAsync(access), id, http.RequestAborted)))
            .WithName("GetOccurrence")
            .WithSummary("One occurrence with checklist, attachments, history and what the caller may do; `version` is the concurrency token.")
            .Produces<OccurrenceDetail>().ProducesProblem(404);

        api.MapPost("/", async (OccurrenceInput input, HttpContext http, UserAccessService access, OccurrenceService service) =>
            {
                var id = await service.CreateAsync(await http.CurrentUserAsync(access), input, http.RequestAborted);
                return Results.Created($"/api/occurrences/{id}", new OccurrenceCreated(id));
            })
            .WithName("CreateOccurrence")
            .WithSummary("Registers an occurrence (companyId null = the caller's current company; responsibleUserId null = the caller). " +
                         "checklistVersionId + checklistAnswers fill the type's checklist (required when parameter 03 = S).")
            .Produces<OccurrenceCreated>(201).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(422);

        api.MapPut("/{id:int}", async (int id, Guid version, OccurrenceInput input, HttpContext http, UserAccessService access, OccurrenceService service) =>
            {
                await service.UpdateAsync(await http.CurrentUserAsync(access), id, input, version, http.RequestAborted);
                return Results.NoContent();
            })
            .WithName("UpdateOccurrence")
            .WithSummary("Edits an open occurrence; `version` (query) is the one read. The responsible changes only by forwarding.")
            .Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        api.MapPost("/{id:int}/close", async (int id, Guid? version, OccurrenceCloseInput input, HttpContext http, UserAccessService access, OccurrenceService service) =>
            {
                await service.CloseAsync(await http.CurrentUserAsync(access), id, input, version, http.RequestAborted);
                return Results.NoContent();
            })
            .WithName("CloseOccurrence")
            .WithSummary("Closes an open occurrence with closing notes (the responsible, managers, administrators).")
            .Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        api.MapPost("/{id:int}/reopen", async (int id, Guid? version, HttpContext http, UserAccessService access, OccurrenceService service) =>
            {
                await service.ReopenAsync(await http.CurrentUserAsync(access), id, version, http.RequestAborted);
                return Results.NoContent();
            })
            .WithName("ReopenOccurrence")
            .WithSummary("Opens a closed occurrence again.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        api.MapPost("/{id:int}/forward", async (int id, Guid? version, OccurrenceForwardInput input, HttpContext http, UserAccessService access, OccurrenceService service) =>
            {
                await service.ForwardAsync(await http.CurrentUserAsync(access), id, input, version, http.RequestAborted);
                return Results.NoContent();
            })
            .WithName("ForwardOccurrence")
            .WithSummary("Forwards an open occurrence to another active user of its company with a message; they are notified at once.")
            .Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        api.MapPost("/{id:int}/attachments", async (int id, IFormFile file, HttpContext http, UserAccessService access, OccurrenceService service) =>
            {
                await using var stream = file.OpenReadStream();
                return Results.Ok(await service.AddAttachmentAsync(await http.CurrentUserAsync(access), id, file.FileName, stream, http.RequestAborted));
            })
            .DisableAntiforgery()
            .WithName("AddOccurrenceAttachment")
            .WithSummary("Attaches a file (multipart field `file`; ≤ 10 MB; pdf, images, txt, csv, xlsx, docx, odt, ods, eml, msg, zip).")
            .Produces<OccurrenceAttachmentRow>().ProducesProblem(403).ProducesProblem(404).ProducesProblem(422);

        api.MapGet("/attachments/{id:int}", async (int id, HttpContext http, UserAccessService access, OccurrenceService service) =>
                await DownloadAsync(await http.CurrentUserAsync(access), id, service, http.RequestAborted))
            .WithName("DownloadOccurrenceAttachment")
            .WithSummary("Downloads an attachment of an occurrence the caller may see.")
            .ProducesProblem(404);

        // The screens' download link: the signed-in cookie user, checked by Core like any other read.
        app.MapGet("/occurrences/attachments/{id:int}", async (int id, HttpContext http, UserAccessService access, OccurrenceService service) =>
            {
                var user = await access.LoadAsync(http.User.UserId() ?? "", http.RequestAborted);
                if (user is null) return Results.Forbid();
                try { return await DownloadAsync(user, id, service, http.RequestAborted); }
                catch (NotFoundException) { return Results.NotFound(); }
                catch (ForbiddenException) { return Results.Forbid(); }
            })
            .RequireAuthorization()
            .ExcludeFromDescription();
        return app;
    }

    private static async Task<IResult> DownloadAsync(CurrentUser user, int id, OccurrenceService service, CancellationToken ct)
    {
        var (attachment, content) = await service.OpenAttachmentAsync(user, id, ct);
        // Content-Disposition: attachment (never rendered inline), and no sniffing of the declared type
        return Results.Stream(content, attachment.ContentType, attachment.FileName, enableRangeProcessing: false,
            entityTag: new EntityTagHeaderValue("\"" + attachment.Sha256 + "\""));
    }
}

public sealed record OccurrenceCreated(int Id);

/// <summary>FERM0401 criteria as query parameters.</summary>
public sealed record OccurrenceQueryRequest(int? CompanyId, DateOnly? From, DateOnly? To, int? PersonId, PersonRoles? PersonRole, int? TypeId, int? ReasonId,
    OccurrenceStatus? Status, string? ResponsibleUserId, string? Text, OccurrenceSort? Sort, bool? Descending, int? Skip, int? Take, Guid? SelectionRunId = null)
{
    public OccurrenceQuery ToQuery() => new()
    {
        CompanyId = CompanyId, From = From, To = To, PersonId = PersonId, PersonRole = PersonRole, TypeId = TypeId, ReasonId = ReasonId, Status = Status,
        ResponsibleUserId = ResponsibleUserId, Text = Text, Sort = Sort ?? OccurrenceSort.OccurredAt, Descending = Descending ?? true, Skip = Skip ?? 0,
        Take = Take ?? 25, SelectionRunId = SelectionRunId,
    };
}

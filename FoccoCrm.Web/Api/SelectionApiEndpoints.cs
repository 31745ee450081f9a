using System.Text.Json;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Selections;
using FoccoCrm.Web.Features.Selections;

namespace FoccoCrm.Web.Api;

/// <summary>A selection's rules as the API receives them: the JSON of <see cref="SelectionDefinition"/> (as GET returns it).</summary>
public sealed record SelectionDefinitionBody(JsonElement Definition)
{
    /// <summary>Parsed with the stored format's checks (schema version, size, depth): bad JSON is a 422 with the reason.</summary>
    public SelectionDefinition Parse() => SelectionApiEndpoints.ParseDefinition(Definition);
}

/// <summary>A saved selection to create or update: <see cref="SavedSelectionInput"/> with the rules as JSON.</summary>
public sealed record SavedSelectionRequest(string Name, string? Description, SelectionVisibility Visibility, SelectionKind Kind, JsonElement Definition);

/// <summary>"Gerar ocorrências para todos" through the API: the rules (or a saved selection), what every occurrence gets, and
/// the count the caller confirmed (recounted at execution; the run records both).</summary>
public sealed record SelectionRunRequest(
    JsonElement? Definition, int? SelectionId, int? TypeId, int? ReasonId, string Description, string? ResponsibleUserId, DateTime OccurredAtUtc, int ExpectedCount);

public sealed record SelectionCountResult(int Count);
public sealed record SelectionCreated(int Id);
public sealed record SelectionRunStarted(Guid Id);
/// <summary>A run with the server's latest progress (null when this server did not start it or it finished long ago).</summary>
public sealed record SelectionRunStatusResult(SelectionRunRow? Run, SelectionRunProgress? Progress);

/// <summary>
/// /api/selections (FERM0202): the catalog, count/preview/validate/explain of any rules, saved selections (list, read,
/// create, update, duplicate, delete, export) and occurrence generation runs — the same <see cref="SelectionService"/> calls
/// as the builder, so the same permissions (403/404), company isolation and representative scoping, validation (400) and
/// rules (422, e.g. a field outside the catalog).
/// </summary>
public static class SelectionApiEndpoints
{
    internal static SelectionDefinition ParseDefinition(JsonElement json) =>
        json.ValueKind == JsonValueKind.Object ? SelectionDefinition.FromJson(json.GetRawText()) : throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);

    public static IEndpointRouteBuilder MapSelectionApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSecuredApi("/api/selections");

        api.MapGet("/fields", async (SelectionTarget? target, HttpContext http, UserAccessService access, SelectionCatalogService catalog) =>
                Results.Ok((await catalog.ListFieldsAsync(await http.CurrentUserAsync(access), target ?? SelectionTarget.Persons, http.RequestAborted))
                    .Select(f => new { f.Key, f.Label, Group = f.Group.ToString(), Scope = f.Scope.ToString(), Type = f.Type.ToString(), Operators = f.Operators.Select(o => o.ToString()) })))
            .WithName("ListSelectionFields")
            .WithSummary("The catalog (allow-list) of fields a condition may use for the target (Persons | Contacts), with their operators; " +
                         "fields whose scope is a relation (Ticket, Invoice, …) go inside a related-data condition.");

        api.MapGet("/fields/{key}/values", async (string key, string? search, HttpContext http, UserAccessService access, SelectionCatalogService catalog) =>
                Results.Ok(await catalog.ListValuesAsync(await http.CurrentUserAsync(access), key, search, http.RequestAborted)))
            .WithName("ListSelectionFieldValues")
            .WithSummary("The values a choice field offers (cities, UF, types, …), filtered by `search`.")
            .Produces<IReadOnlyList<SelectionValueOption>>();

        api.MapPost("/count", async (SelectionDefinitionBody body, HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(new SelectionCountResult(await selections.CountAsync(await http.CurrentUserAsync(access), body.Parse(), http.RequestAborted))))
            .WithName("CountSelection")
            .WithSummary("How many persons (or contacts) the rules select now, counted in the database. Incomplete conditions are a 422 (use /validate).")
            .Produces<SelectionCountResult>().ProducesProblem(422);

        api.MapPost("/preview", async (SelectionDefinitionBody body, int? page, int? pageSize, HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(await selections.PreviewAsync(await http.CurrentUserAsync(access), body.Parse(), page ?? 0, pageSize ?? 50, http.RequestAborted)))
            .WithName("PreviewSelection")
            .WithSummary("One page of the selected persons/contacts (page from 0, pageSize ≤ 200), paged in the database.")
            .Produces<SelectionPreviewPage>().ProducesProblem(422);

        api.MapPost("/validate", async (SelectionDefinitionBody body, HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(await selections.ValidateAsync(await http.CurrentUserAsync(access), body.Parse(), http.RequestAborted)))
            .WithName("ValidateSelection")
            .WithSummary("The rules' issues by node (incomplete conditions, unknown fields, cycles); empty = ready to count.")
            .Produces<IReadOnlyList<SelectionIssue>>();

        api.MapPost("/explain/{personId:int}", async (int personId, SelectionDefinitionBody body, HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(await selections.ExplainAsync(await http.CurrentUserAsync(access), body.Parse(), personId, http.RequestAborted)))
            .WithName("ExplainSelection")
            .WithSummary("\"Why does this person match?\": the whole result and each node's true/false for the person.")
            .Produces<SelectionExplanation>().ProducesProblem(404);

        api.MapGet("/", async (HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(await selections.ListSavedAsync(await http.CurrentUserAsync(access), http.RequestAborted)))
            .WithName("ListSavedSelections")
            .WithSummary("The saved selections of the caller's current company the caller may see (their own and the company's).")
            .Produces<IReadOnlyList<SavedSelectionRow>>();

        api.MapGet("/{id:int}", async (int id, HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(await selections.GetSavedAsync(await http.CurrentUserAsync(access), id, http.RequestAborted)))
            .WithName("GetSavedSelection")
            .WithSummary("A saved selection with its rules (`definition`, the JSON the other endpoints accept); `row.version` is the concurrency token.")
            .Produces<SavedSelectionDetail>().ProducesProblem(404);

        api.MapPost("/", async (SavedSelectionRequest input, HttpContext http, UserAccessService access, SelectionService selections) =>
            {
                var id = await selections.CreateSavedAsync(await http.CurrentUserAsync(access), ToInput(input), http.RequestAborted);
                return Results.Created($"/api/selections/{id}", new SelectionCreated(id));
            })
            .WithName("CreateSavedSelection")
            .WithSummary("Saves a selection (visibility Private | Company; kind Dynamic = rules run at each use, Snapshot = the members frozen now).")
            .Produces<SelectionCreated>(201).ProducesValidationProblem().ProducesProblem(422);

        api.MapPut("/{id:int}", async (int id, Guid version, SavedSelectionRequest input, HttpContext http, UserAccessService access, SelectionService selections) =>
            {
                await selections.UpdateSavedAsync(await http.CurrentUserAsync(access), id, ToInput(input), version, http.RequestAborted);
                return Results.NoContent();
            })
            .WithName("UpdateSavedSelection")
            .WithSummary("Changes a saved selection (owner, managers, administrators); `version` (query) is the one read.")
            .Produces(204).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(404).ProducesProblem(409).ProducesProblem(422);

        api.MapPost("/{id:int}/duplicate", async (int id, string? name, HttpContext http, UserAccessService access, SelectionService selections) =>
            {
                var copy = await selections.DuplicateSavedAsync(await http.CurrentUserAsync(access), id, name, http.RequestAborted);
                return Results.Created($"/api/selections/{copy}", new SelectionCreated(copy));
            })
            .WithName("DuplicateSavedSelection")
            .WithSummary("A private copy of a saved selection owned by the caller (a snapshot keeps its frozen members).")
            .Produces<SelectionCreated>(201).ProducesProblem(404);

        api.MapDelete("/{id:int}", async (int id, Guid version, HttpContext http, UserAccessService access, SelectionService selections) =>
            {
                await selections.DeleteSavedAsync(await http.CurrentUserAsync(access), id, version, http.RequestAborted);
                return Results.NoContent();
            })
            .WithName("DeleteSavedSelection")
            .WithSummary("Deletes a saved selection (owner, managers, administrators); `version` (query) is the one read.")
            .Produces(204).ProducesProblem(403).ProducesProblem(404).ProducesProblem(409);

        api.MapGet("/{id:int}/count", async (int id, HttpContext http, UserAccessService access, SelectionService selections) =>
            {
                var user = await http.CurrentUserAsync(access);
                return Results.Ok(new SelectionCountResult(await selections.CountAsync(user, await selections.DefinitionOfAsync(user, id, http.RequestAborted), http.RequestAborted)));
            })
            .WithName("CountSavedSelection")
            .WithSummary("How many a saved selection selects now (a snapshot: its frozen members).")
            .Produces<SelectionCountResult>().ProducesProblem(404);

        api.MapGet("/{id:int}/export", async (int id, ExportFormat? format, SelectionExportColumn[]? columns, HttpContext http, UserAccessService access, SelectionService selections) =>
            {
                var f = format ?? ExportFormat.Csv;
                var bytes = await selections.ExportSavedAsync(await http.CurrentUserAsync(access), id, columns ?? [], f, http.RequestAborted);
                return Results.File(bytes, TableExport.ContentType(f), $"selecao-{id}{TableExport.Extension(f)}");
            })
            .WithName("ExportSavedSelection")
            .WithSummary("The selected persons/contacts as CSV or XLSX (`format` Csv | Xlsx) with the chosen `columns` (repeat the parameter; none = the default set).")
            .Produces(200, contentType: "text/csv").ProducesProblem(404);

        api.MapPost("/runs", async (SelectionRunRequest input, HttpContext http, UserAccessService access, SelectionService selections, SelectionRunner runner) =>
            {
                var user = await http.CurrentUserAsync(access);
                var definition = input.SelectionId is { } sid ? await selections.DefinitionOfAsync(user, sid, http.RequestAborted)
                    : input.Definition is { } json ? ParseDefinition(json)
                    : throw new BusinessRuleException(SelectionMessages.SelectionJsonInvalid);
                var generate = new GenerateOccurrencesInput
                {
                    TypeId = input.TypeId, ReasonId = input.ReasonId, Description = input.Description ?? "", ResponsibleUserId = input.ResponsibleUserId,
                    OccurredAtUtc = input.OccurredAtUtc,
                };
                // checked here so that a bad request is a 400/422 now, not a failed run later
                await selections.CheckGenerationAsync(user, definition, generate, http.RequestAborted);
                var runId = runner.Start(user, definition, generate, input.ExpectedCount, input.SelectionId);
                return Results.Accepted($"/api/selections/runs/{runId}", new SelectionRunStarted(runId));
            })
            .WithName("StartSelectionRun")
            .WithSummary("Generates one occurrence per selected person in the background (managers and administrators): all or nothing, " +
                         "once per person per run. Pass `selectionId` or `definition`; `expectedCount` is the number the caller confirmed. " +
                         "Poll the returned address for progress.")
            .Produces<SelectionRunStarted>(202).ProducesValidationProblem().ProducesProblem(403).ProducesProblem(422);

        api.MapGet("/runs", async (int? selectionId, HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(await selections.ListRunsAsync(await http.CurrentUserAsync(access), selectionId, 100, http.RequestAborted)))
            .WithName("ListSelectionRuns")
            .WithSummary("The current company's generation runs, newest first (optionally of one saved selection).")
            .Produces<IReadOnlyList<SelectionRunRow>>();

        api.MapGet("/runs/{id:guid}", async (Guid id, HttpContext http, UserAccessService access, SelectionService selections, SelectionRunner runner) =>
            {
                var user = await http.CurrentUserAsync(access);
                try
                {
                    return Results.Ok(new SelectionRunStatusResult(await selections.GetRunAsync(user, id, http.RequestAborted), runner.ProgressOf(id)));
                }
                catch (NotFoundException) when (runner.CompanyOf(id) is int company && user.CanAccess(company))
                {
                    // started a moment ago: its row is not written yet
                    return Results.Ok(new SelectionRunStatusResult(null, runner.ProgressOf(id)));
                }
            })
            .WithName("GetSelectionRun")
            .WithSummary("A run: status (Pending | Running | Completed | Failed), counts, numbers, error, and the latest progress " +
                         "(`run` is null for the first moments, while only `progress` exists).")
            .Produces<SelectionRunStatusResult>().ProducesProblem(404);

        api.MapGet("/runs/{id:guid}/occurrences", async (Guid id, HttpContext http, UserAccessService access, SelectionService selections) =>
                Results.Ok(await selections.ListRunOccurrenceIdsAsync(await http.CurrentUserAsync(access), id, http.RequestAborted)))
            .WithName("ListSelectionRunOccurrences")
            .WithSummary("The ids of the occurrences a run created, in number order (read them with /api/occurrences/{id}).")
            .Produces<IReadOnlyList<int>>().ProducesProblem(404);

        return app;
    }

    private static SavedSelectionInput ToInput(SavedSelectionRequest r) => new()
    {
        Name = r.Name ?? "", Description = r.Description, Visibility = r.Visibility, Kind = r.Kind, Definition = ParseDefinition(r.Definition),
    };
}

using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;

namespace FoccoCrm.Web.Api;

/// <summary>
/// /api/companies/{companyId}/tickets: create, update, move, assign, schedule tasks, close and query tickets through the
/// same <see cref="TicketService"/> the screens use (same validation, permissions, history and live events: a change here
/// moves the card on every open board). Every change takes the <c>version</c> the client read; a stale one is 409.
/// </summary>
public static class TicketApiEndpoints
{
    public sealed record VersionBody(Guid Version);
    public sealed record UpdateBody(TicketInput Ticket, Guid Version);
    public sealed record MoveBody(TicketStatus Status, Guid Version, string? Note);
    public sealed record AssignBody(string? ResponsibleId, Guid Version);
    public sealed record CloseBody(string Solution, Guid Version);
    public sealed record CancelBody(string Reason, Guid Version);
    public sealed record TaskUpdateBody(TicketTaskInput Task, Guid Version);
    public sealed record VersionResult(Guid Version);
    public sealed record TaskCreated(long Id);

    public static IEndpointRouteBuilder MapTicketApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapSecuredApi("/api/companies/{companyId:int}/tickets");

        api.MapGet("/", async (int companyId, string? search, int? customerId, string? responsibleId, TicketStatus? status, int? typeId,
                DateTime? fromUtc, DateTime? toUtc, bool? late, int? skip, int? take, HttpContext http, UserAccessService access, TicketService tickets) =>
            Results.Ok(await tickets.ListAsync(await http.CurrentUserAsync(access), companyId, new TicketQuery
            {
                Search = search, CustomerId = customerId, ResponsibleId = responsibleId, Statuses = status is { } s ? [s] : null, TypeId = typeId,
                FromUtc = fromUtc?.ToUniversalTime(), ToUtc = toUtc?.ToUniversalTime(), LateOnly = late ?? false, Skip = skip ?? 0, Take = take ?? 50,
            }, http.RequestAborted)))
            .WithName("Tickets_Query").WithSummary("Query tickets (paged; filters: search, customerId, responsibleId ('' = unassigned), status, typeId, fromUtc/toUtc (opened), late).")
            .Produces<PagedResult<TicketRow>>().ProducesProblem(401).ProducesProblem(403);

        api.MapGet("/{id:long}", async (int companyId, long id, HttpContext http, UserAccessService access, TicketService tickets) =>
            Results.Ok(await InCompanyAsync(await tickets.GetAsync(await http.CurrentUserAsync(access), id, http.RequestAborted), companyId)))
            .WithName("Tickets_Get").WithSummary("A ticket with its tasks and linked quote/order; its version is what changes must send back.")
            .Produces<TicketDetail>().ProducesProblem(404);

        api.MapPost("/", async (int companyId, TicketInput input, HttpContext http, UserAccessService access, TicketService tickets) =>
            {
                var created = await tickets.CreateAsync(await http.CurrentUserAsync(access), companyId, input, http.RequestAborted);
                return Results.Created($"/api/companies/{companyId}/tickets/{created.Id}", created);
            })
            .WithName("Tickets_Create").WithSummary("Open a ticket. typeId 0 / responsibleId empty take parameters 01 / 02.")
            .Produces<TicketRef>(201).ProducesValidationProblem().ProducesProblem(403);

        Change<UpdateBody>(api, "", "PUT", "Tickets_Update", "Update the opening fields.", (s, u, id, b, ct) => s.UpdateAsync(u, id, b.Ticket, b.Version, ct));
        Change<MoveBody>(api, "/move", "POST", "Tickets_Move", "Change the status (note = solution to close, reason to cancel).", (s, u, id, b, ct) => s.MoveAsync(u, id, b.Status, b.Version, b.Note, ct));
        Change<AssignBody>(api, "/assign", "POST", "Tickets_Assign", "Change the responsible (null = unassigned); notifies the new one.", (s, u, id, b, ct) => s.AssignAsync(u, id, b.ResponsibleId, b.Version, ct));
        Change<CloseBody>(api, "/close", "POST", "Tickets_Close", "Close with a solution.", (s, u, id, b, ct) => s.CloseAsync(u, id, b.Solution, b.Version, ct));
        Change<CancelBody>(api, "/cancel", "POST", "Tickets_Cancel", "Cancel with a reason.", (s, u, id, b, ct) => s.CancelAsync(u, id, b.Reason, b.Version, ct));
        Change<VersionBody>(api, "/reopen", "POST", "Tickets_Reopen", "Reopen a closed or cancelled ticket.", (s, u, id, b, ct) => s.ReopenAsync(u, id, b.Version, ct));

        api.MapPost("/{id:long}/tasks", async (int companyId, long id, TicketTaskInput input, HttpContext http, UserAccessService access, TicketService tickets) =>
            {
                var user = await http.CurrentUserAsync(access);
                await tickets.EnsureInCompanyAsync(user, id, companyId, http.RequestAborted);
                return Results.Ok(new TaskCreated(await tickets.AddTaskAsync(user, id, input, http.RequestAborted)));
            })
            .WithName("Tickets_AddTask").WithSummary("Schedule a task (agendamento): dueAtUtc, responsibleId, description.")
            .Produces<TaskCreated>().ProducesValidationProblem().ProducesProblem(404);

        api.MapPut("/{id:long}/tasks/{taskId:long}", async (int companyId, long id, long taskId, TaskUpdateBody body, HttpContext http, UserAccessService access, TicketService tickets) =>
            {
                var user = await http.CurrentUserAsync(access);
                var ticket = await InCompanyAsync(await tickets.GetAsync(user, id, http.RequestAborted), companyId);
                if (ticket.Tasks.All(t => t.Id != taskId)) throw new NotFoundException(TicketMessages.TicketTaskNotFound);
                return Results.Ok(new VersionResult(await tickets.UpdateTaskAsync(user, taskId, body.Task, body.Version, http.RequestAborted)));
            })
            .WithName("Tickets_UpdateTask").WithSummary("Change a task or mark it done (done + result).")
            .Produces<VersionResult>().ProducesValidationProblem().ProducesProblem(409);
        return app;
    }

    private delegate Task<Guid> ChangeCall<TBody>(TicketService service, CurrentUser user, long id, TBody body, CancellationToken ct);

    private static void Change<TBody>(RouteGroupBuilder api, string suffix, string method, string name, string summary, ChangeCall<TBody> call) where TBody : notnull =>
        api.MapMethods("/{id:long}" + suffix, [method], async (int companyId, long id, TBody body, HttpContext http, UserAccessService access, TicketService tickets) =>
            {
                var user = await http.CurrentUserAsync(access);
                // The call checks that this user sees the ticket; only the route's company is checked here.
                await tickets.EnsureInCompanyAsync(user, id, companyId, http.RequestAborted);
                return Results.Ok(new VersionResult(await call(tickets, user, id, body, http.RequestAborted)));
            })
            .WithName(name).WithSummary(summary)
            .Accepts<TBody>("application/json")
            .Produces<VersionResult>().ProducesValidationProblem().ProducesProblem(404).ProducesProblem(409);

    /// <summary>The ticket must belong to the company of the route.</summary>
    private static Task<TicketDetail> InCompanyAsync(TicketDetail ticket, int companyId) =>
        ticket.CompanyId == companyId ? Task.FromResult(ticket) : throw new NotFoundException(TicketMessages.TicketNotFound);
}

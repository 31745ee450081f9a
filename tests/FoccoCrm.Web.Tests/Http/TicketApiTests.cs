using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using FoccoCrm.Core.Live;
using FoccoCrm.Core.Tickets;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Http;

public class TicketApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private async Task<(HttpClient Client, int Company)> ClientAsync(string email)
    {
        var client = await app.ClientAsAsync(email);
        var me = await client.GetFromJsonAsync<JsonElement>("/api/me");
        return (client, me.GetProperty("currentCompanyId").GetInt32());
    }

    [Fact]
    public async Task Agent_CreatesMovesSchedulesAndClosesATicket_WithLiveEvents_AndAStaleVersionIs409()
    {
        var (client, company) = await ClientAsync("agente1@foccocrm.demo");
        var events = new List<LiveChange>();
        using var sub = app.Services.GetRequiredService<IChangeFeed>().Subscribe(LiveTopics.Tickets(company), c => { lock (events) events.Add(c); return Task.CompletedTask; });

        // A demo ticket gives a valid customer, type and reason.
        var page = await client.GetFromJsonAsync<JsonElement>($"/api/companies/{company}/tickets?take=1");
        var sampleId = page.GetProperty("items")[0].GetProperty("id").GetInt64();
        var sample = await client.GetFromJsonAsync<JsonElement>($"/api/companies/{company}/tickets/{sampleId}");

        var bad = await client.PostAsJsonAsync($"/api/companies/{company}/tickets", new { customerId = sample.GetProperty("customerId").GetInt32(), situation = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);

        var created = await client.PostAsJsonAsync($"/api/companies/{company}/tickets", new
        {
            customerId = sample.GetProperty("customerId").GetInt32(), typeId = sample.GetProperty("typeId").GetInt32(),
            reasonId = sample.GetProperty("reasonId").GetInt32(), origin = "Active", priority = "High", situation = "Aberto pela API",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var reference = await created.Content.ReadFromJsonAsync<JsonElement>();
        var id = reference.GetProperty("id").GetInt64();
        var version = reference.GetProperty("version").GetGuid();
        Assert.Contains(events, e => e.Kind == TicketEvents.Created && e.EntityId == id);
        // No responsible given: parameter 02, else the acting agent.
        var userId = (await client.GetFromJsonAsync<JsonElement>($"/api/companies/{company}/tickets/{id}")).GetProperty("responsibleId").GetString();
        Assert.False(string.IsNullOrEmpty(userId));

        var moved = await client.PostAsJsonAsync($"/api/companies/{company}/tickets/{id}/move", new { status = "InExecution", version });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        var stale = await client.PostAsJsonAsync($"/api/companies/{company}/tickets/{id}/move", new { status = "Opened", version });
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        version = (await moved.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("version").GetGuid();
        Assert.Contains(events, e => e.Kind == TicketEvents.Moved && e.EntityId == id && e.Data![TicketEvents.DataStatus] == "InExecution");

        var task = await client.PostAsJsonAsync($"/api/companies/{company}/tickets/{id}/tasks", new
        {
            dueAtUtc = DateTime.UtcNow.AddDays(1), responsibleId = userId, description = "Retornar ao cliente",
        });
        Assert.Equal(HttpStatusCode.OK, task.StatusCode);

        var noSolution = await client.PostAsJsonAsync($"/api/companies/{company}/tickets/{id}/close", new { solution = "", version });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSolution.StatusCode);
        var closed = await client.PostAsJsonAsync($"/api/companies/{company}/tickets/{id}/close", new { solution = "Resolvido por telefone", version });
        Assert.Equal(HttpStatusCode.OK, closed.StatusCode);

        var detail = await client.GetFromJsonAsync<JsonElement>($"/api/companies/{company}/tickets/{id}");
        Assert.Equal("Closed", detail.GetProperty("status").GetString());
        Assert.Equal("High", detail.GetProperty("priority").GetString());
        Assert.Single(detail.GetProperty("tasks").EnumerateArray());
        var query = await client.GetFromJsonAsync<JsonElement>($"/api/companies/{company}/tickets?search=Aberto pela API&status=Closed");
        Assert.Equal(id, query.GetProperty("items")[0].GetProperty("id").GetInt64());
    }

    [Fact]
    public async Task ARepresentative_CannotCreate_AndATicketOfAnotherCompanyIsNotFound()
    {
        var (rep, company) = await ClientAsync("representante@foccocrm.demo");
        var refused = await rep.PostAsJsonAsync($"/api/companies/{company}/tickets", new { customerId = 1, typeId = 1, reasonId = 1, situation = "x", responsibleId = "x" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var (admin, adminCompany) = await ClientAsync("admin@foccocrm.demo");
        var page = await admin.GetFromJsonAsync<JsonElement>($"/api/companies/{adminCompany}/tickets?take=1");
        var id = page.GetProperty("items")[0].GetProperty("id").GetInt64();
        var me = await admin.GetFromJsonAsync<JsonElement>("/api/me");
        var other = me.GetProperty("companies").EnumerateArray().Select(c => c.GetProperty("id").GetInt32()).First(c => c != adminCompany);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/api/companies/{other}/tickets/{id}")).StatusCode);

        // A change through another company's address is refused the same way and changes nothing.
        var detail = await admin.GetFromJsonAsync<JsonElement>($"/api/companies/{adminCompany}/tickets/{id}");
        var version = detail.GetProperty("version").GetGuid();
        var moved = await admin.PostAsJsonAsync($"/api/companies/{other}/tickets/{id}/move", new { status = "Cancelled", version, note = "wrong company" });
        Assert.Equal(HttpStatusCode.NotFound, moved.StatusCode);
        var after = await admin.GetFromJsonAsync<JsonElement>($"/api/companies/{adminCompany}/tickets/{id}");
        Assert.Equal(version, after.GetProperty("version").GetGuid());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsJsonAsync($"/api/companies/{adminCompany}/tickets/999999999/move", new { status = "Opened", version })).StatusCode);
    }
}

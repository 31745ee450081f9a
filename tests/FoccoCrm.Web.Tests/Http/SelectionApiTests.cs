using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Selections;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Http;

/// <summary>/api/selections: the builder's operations over HTTP with its permissions, scoping and errors; a generation run end to end.</summary>
public class SelectionApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<HttpClient> ClientAsync(string email) => app.ClientAsAsync(email);

    private static readonly object South = new
    {
        target = "Persons", roles = "Customer",
        root = new { kind = "group", join = "All", children = new object[] { new { kind = "condition", field = "person.state", @operator = "In", values = new[] { "SC", "PR", "RS" } } } },
    };

    private static readonly object CustomersInSouth = new { definition = South };

    private async Task<int> DemoSelectionAsync(HttpClient client, string name) =>
        (await client.GetFromJsonAsync<JsonElement>("/api/selections")).EnumerateArray().Single(s => s.GetProperty("name").GetString() == name).GetProperty("id").GetInt32();

    private static async Task<int> CountAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("count").GetInt32();
    }

    [Fact]
    public async Task CountPreviewValidate_AnyRules_WithTheCatalogsErrors_AndTheRepresentativesScope()
    {
        var manager = await ClientAsync("gestor@foccocrm.demo");
        var fields = await manager.GetFromJsonAsync<JsonElement>("/api/selections/fields?target=Persons");
        Assert.Contains(fields.EnumerateArray(), f => f.GetProperty("key").GetString() == "person.state" && f.GetProperty("operators").EnumerateArray().Any(o => o.GetString() == "In"));

        var count = await CountAsync(await manager.PostAsJsonAsync("/api/selections/count", CustomersInSouth));
        Assert.True(count > 0);
        var preview = await (await manager.PostAsJsonAsync("/api/selections/preview?page=0&pageSize=5", CustomersInSouth)).Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(Math.Min(5, count), preview.GetProperty("items").GetArrayLength());
        Assert.All(preview.GetProperty("items").EnumerateArray(), r => Assert.Contains(r.GetProperty("state").GetString(), new[] { "SC", "PR", "RS" }));

        // a representative counts only the customers they represent
        var rep = await ClientAsync("representante@foccocrm.demo");
        Assert.InRange(await CountAsync(await rep.PostAsJsonAsync("/api/selections/count", CustomersInSouth)), 0, count - 1);

        // a field outside the catalog: 422 with the reason; an incomplete condition: an issue from /validate
        var unknown = await manager.PostAsJsonAsync("/api/selections/count", new
        {
            definition = new { root = new { kind = "group", children = new object[] { new { kind = "condition", field = "Persons.PasswordHash", @operator = "Equals", values = new[] { "x" } } } } },
        });
        Assert.Equal(HttpStatusCode.UnprocessableEntity, unknown.StatusCode);
        Assert.Contains("Persons.PasswordHash", await unknown.Content.ReadAsStringAsync());
        var issues = await (await manager.PostAsJsonAsync("/api/selections/validate", new
        {
            definition = new { root = new { kind = "group", children = new object[] { new { kind = "condition", field = "person.state" } } } },
        })).Content.ReadFromJsonAsync<JsonElement>();
        Assert.NotEqual(0, issues.GetArrayLength());
        Assert.Equal(HttpStatusCode.UnprocessableEntity, (await manager.PostAsJsonAsync("/api/selections/count", new { definition = "not an object" })).StatusCode);
    }

    [Fact]
    public async Task SavedSelections_CreateReadUpdateExportDelete_WithVersionsAndPermissions()
    {
        var manager = await ClientAsync("gestor@foccocrm.demo");
        var created = await manager.PostAsJsonAsync("/api/selections", new { name = "Sul via API", description = "teste", visibility = "Company", kind = "Dynamic", definition = South });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var detail = await manager.GetFromJsonAsync<JsonElement>($"/api/selections/{id}");
        Assert.Equal("Sul via API", detail.GetProperty("row").GetProperty("name").GetString());
        var version = detail.GetProperty("row").GetProperty("version").GetGuid();
        // the definition GET returns is what the other endpoints accept
        var count = await CountAsync(await manager.PostAsJsonAsync("/api/selections/count", new { definition = detail.GetProperty("definition") }));
        Assert.Equal(count, await CountAsync(await manager.GetAsync($"/api/selections/{id}/count")));

        // an agent sees the company's selection but may not change it; a nameless one is a 400; a stale version a 409
        var agent = await ClientAsync("agente1@foccocrm.demo");
        Assert.Contains((await agent.GetFromJsonAsync<JsonElement>("/api/selections")).EnumerateArray(), s => s.GetProperty("id").GetInt32() == id);
        var edit = new { name = "Sul (editada)", visibility = "Company", kind = "Dynamic", definition = detail.GetProperty("definition") };
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PutAsJsonAsync($"/api/selections/{id}?version={version}", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PutAsJsonAsync($"/api/selections/{id}?version={version}", edit with { name = "" })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await manager.PutAsJsonAsync($"/api/selections/{id}?version={version}", edit)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await manager.PutAsJsonAsync($"/api/selections/{id}?version={version}", edit)).StatusCode);

        var csv = await manager.GetAsync($"/api/selections/{id}/export?format=Csv&columns=Name&columns=State");
        Assert.Equal(HttpStatusCode.OK, csv.StatusCode);
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Equal(count + 1, lines.Length); // header + one line per person

        var current = (await manager.GetFromJsonAsync<JsonElement>($"/api/selections/{id}")).GetProperty("row").GetProperty("version").GetGuid();
        Assert.Equal(HttpStatusCode.NoContent, (await manager.DeleteAsync($"/api/selections/{id}?version={current}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await manager.GetAsync($"/api/selections/{id}")).StatusCode);
    }

    [Fact]
    public async Task GenerationRun_FromADemoSelection_RunsInTheBackground_AndListsWhatItCreated()
    {
        int typeId, reasonId;
        await using (var db = await app.Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync())
        {
            typeId = await db.OccurrenceTypes.Where(t => t.Description == "Troca").Select(t => t.Id).SingleAsync();
            reasonId = await db.OccurrenceReasons.Where(r => r.TypeId == typeId).Select(r => r.Id).FirstAsync();
        }
        var manager = await ClientAsync("gestor@foccocrm.demo");
        var selectionId = await DemoSelectionAsync(manager, SelectionsDemoSeeder.OpenTicketsInSouth);
        var expected = await CountAsync(await manager.GetAsync($"/api/selections/{selectionId}/count"));
        var request = new { selectionId, typeId, reasonId, description = "Campanha via API", occurredAtUtc = new DateTime(2026, 11, 30, 12, 0, 0, DateTimeKind.Utc), expectedCount = expected };

        // agents may not; a reason of another type is refused before anything starts
        var agent = await ClientAsync("agente1@foccocrm.demo");
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.PostAsJsonAsync("/api/selections/runs", request)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await manager.PostAsJsonAsync("/api/selections/runs", request with { description = "" })).StatusCode);

        var started = await manager.PostAsJsonAsync("/api/selections/runs", request);
        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var location = started.Headers.Location!.ToString();
        JsonElement run = default;
        for (var i = 0; i < 100; i++)
        {
            run = (await manager.GetFromJsonAsync<JsonElement>(location)).GetProperty("run"); // null for the first moments
            if (run.ValueKind == JsonValueKind.Object && run.GetProperty("status").GetString() is "Completed" or "Failed") break;
            await Task.Delay(100);
        }
        Assert.Equal("Completed", run.GetProperty("status").GetString());
        Assert.Equal(expected, run.GetProperty("createdCount").GetInt32());
        var ids = await manager.GetFromJsonAsync<int[]>(location + "/occurrences");
        Assert.Equal(expected, ids!.Length);
        var page = await manager.GetFromJsonAsync<JsonElement>($"/api/occurrences?selectionRunId={location.Split('/')[^1]}&take=5");
        Assert.Equal(expected, page.GetProperty("totalCount").GetInt32());
        var first = await manager.GetFromJsonAsync<JsonElement>($"/api/occurrences/{ids[0]}");
        Assert.Equal("Campanha via API", first.GetProperty("row").GetProperty("description").GetString());
        Assert.Contains((await manager.GetFromJsonAsync<JsonElement>($"/api/selections/runs?selectionId={selectionId}")).EnumerateArray(),
            r => r.GetProperty("id").GetString() == location.Split('/')[^1]);
    }
}

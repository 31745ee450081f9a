using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Tests.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Occurrences;

/// <summary>/api/occurrences: the same validation, rules and permissions as the screens; attachments download as attachments.</summary>
public class OccurrenceApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private Task<HttpClient> ClientAsync(string email) => app.ClientAsAsync(email);

    private sealed record Demo(int Company, int Consumer, int TypeId, int ReasonId, int OtherTypeReasonId, string Agent2Id);

    private async Task<Demo> DemoAsync()
    {
        await using var db = await app.Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        var company = await db.Companies.Where(c => c.Code == "01").Select(c => c.Id).SingleAsync();
        var consumer = await db.Persons.Where(p => p.Roles == PersonRoles.Consumer).OrderBy(p => p.Id).Select(p => p.Id).FirstAsync();
        var troca = await db.OccurrenceTypes.Where(t => t.Description == "Troca").Select(t => t.Id).SingleAsync();
        var reason = await db.OccurrenceReasons.Where(r => r.TypeId == troca).Select(r => r.Id).FirstAsync();
        var other = await db.OccurrenceReasons.Where(r => r.TypeId != troca).Select(r => r.Id).FirstAsync();
        var agent2 = await db.Users.Where(u => u.Email == "agente2@foccocrm.demo").Select(u => u.Id).SingleAsync();
        return new Demo(company, consumer, troca, reason, other, agent2);
    }

    private static object Input(Demo d, int? reasonId = null, string description = "Via API") => new
    {
        companyId = d.Company, occurredAtUtc = new DateTime(2026, 11, 27, 10, 0, 0, DateTimeKind.Utc), personId = d.Consumer, typeId = d.TypeId,
        reasonId = reasonId ?? d.ReasonId, description,
    };

    [Fact]
    public async Task CreateForwardAndClose_ThroughTheApi_WithTheScreensRules()
    {
        var d = await DemoAsync();
        var agent1 = await ClientAsync("agente1@foccocrm.demo");

        var created = await agent1.PostAsJsonAsync("/api/occurrences", Input(d));
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var id = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var detail = await agent1.GetFromJsonAsync<JsonElement>($"/api/occurrences/{id}");
        Assert.Equal("Via API", detail.GetProperty("row").GetProperty("description").GetString());
        Assert.True(detail.GetProperty("canForward").GetBoolean());

        var agent2 = await ClientAsync("agente2@foccocrm.demo");
        // not the responsible: may neither close nor forward (403)
        var refused = await agent2.PostAsJsonAsync($"/api/occurrences/{id}/close", new { notes = "não é minha" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var forwarded = await agent1.PostAsJsonAsync($"/api/occurrences/{id}/forward", new { userId = d.Agent2Id, message = "sua vez" });
        Assert.Equal(HttpStatusCode.NoContent, forwarded.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await agent2.PostAsJsonAsync($"/api/occurrences/{id}/close", new { notes = "resolvido" })).StatusCode);
        var closed = await agent2.GetFromJsonAsync<JsonElement>($"/api/occurrences/{id}");
        Assert.Contains(closed.GetProperty("row").GetProperty("status").ToString(), new[] { "1", "Closed" }); // enum as number or name
        Assert.Equal("resolvido", closed.GetProperty("closingNotes").GetString());

        var query = await agent2.GetFromJsonAsync<JsonElement>($"/api/occurrences?text=Via%20API&status=Closed&responsibleUserId={d.Agent2Id}");
        Assert.Contains(query.GetProperty("items").EnumerateArray(), r => r.GetProperty("id").GetInt32() == id);
    }

    [Fact]
    public async Task BadInput_Is400_AReasonOfAnotherType_Is422_AndARepresentativeCannotSeeOthersOccurrences()
    {
        var d = await DemoAsync();
        var agent1 = await ClientAsync("agente1@foccocrm.demo");
        var bad = await agent1.PostAsJsonAsync("/api/occurrences", Input(d, description: ""));
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.True((await bad.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors").TryGetProperty("description", out _));
        var wrongReason = await agent1.PostAsJsonAsync("/api/occurrences", Input(d, reasonId: d.OtherTypeReasonId));
        Assert.Equal((HttpStatusCode)422, wrongReason.StatusCode);

        var id = (await (await agent1.PostAsJsonAsync("/api/occurrences", Input(d))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var rep = await ClientAsync("representante@foccocrm.demo");
        Assert.Equal(HttpStatusCode.NotFound, (await rep.GetAsync($"/api/occurrences/{id}")).StatusCode);
        Assert.DoesNotContain((await rep.GetFromJsonAsync<JsonElement>("/api/occurrences?take=1000")).GetProperty("items").EnumerateArray(),
            r => r.GetProperty("personId").GetInt32() == d.Consumer);
    }

    [Fact]
    public async Task Attachments_UploadWithinLimits_DownloadAsAttachment_OnlyForWhoSeesTheOccurrence()
    {
        var d = await DemoAsync();
        var agent1 = await ClientAsync("agente1@foccocrm.demo");
        var id = (await (await agent1.PostAsJsonAsync("/api/occurrences", Input(d))).Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();

        using var form = new MultipartFormDataContent { { new ByteArrayContent("olá, nota"u8.ToArray()), "file", "nota.txt" } };
        var uploaded = await agent1.PostAsync($"/api/occurrences/{id}/attachments", form);
        Assert.Equal(HttpStatusCode.OK, uploaded.StatusCode);
        var attachment = (await uploaded.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        using var exe = new MultipartFormDataContent { { new ByteArrayContent([1, 2, 3]), "file", "setup.exe" } };
        Assert.Equal((HttpStatusCode)422, (await agent1.PostAsync($"/api/occurrences/{id}/attachments", exe)).StatusCode);

        var download = await (await ClientAsync("agente2@foccocrm.demo")).GetAsync($"/api/occurrences/attachments/{attachment}");
        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
        Assert.Equal("nota.txt", download.Content.Headers.ContentDisposition?.FileNameStar ?? download.Content.Headers.ContentDisposition?.FileName);
        Assert.Equal("olá, nota", await download.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.NotFound, (await (await ClientAsync("representante@foccocrm.demo")).GetAsync($"/api/occurrences/attachments/{attachment}")).StatusCode);
        // the screens' link needs a signed-in user
        var anonymous = await app.NoRedirectClient().GetAsync($"/occurrences/attachments/{attachment}");
        Assert.NotEqual(HttpStatusCode.OK, anonymous.StatusCode);
    }
}

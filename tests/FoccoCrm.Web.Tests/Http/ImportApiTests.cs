using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Web.Tests.Http;

public class ImportApiTests(AppFactory app) : IClassFixture<AppFactory>
{
    private static readonly CurrentUser System = new("test", "test@x", "Test", [Roles.Administrator], [], null, null);

    private static string CnpjOf(int n) => Cnpj.Format(Cnpj.WithCheckDigits((70_000_000 + n).ToString("D8") + "0001"));

    private Task<HttpClient> ClientAsync(string email) => app.ClientAsAsync(email);

    private async Task<PersonRow?> FindAsync(string code) =>
        (await app.Services.GetRequiredService<PersonService>().ListAsync(System, new PersonQuery { Search = code, IncludeInactive = true })).Items
        .SingleOrDefault(p => p.ExternalCode == code);

    [Fact]
    public async Task PostPersons_GoodBatch_InsertsThenUpdatesByExternalCode()
    {
        var client = await ClientAsync("gestor@foccocrm.demo");
        object[] batch =
        [
            new { externalCode = "API-P1", type = 1, roles = 1, document = CnpjOf(1), name = "Api Um Ltda", state = "SC", zipCode = "89201-000" },
            new { externalCode = "API-P2", type = 1, roles = 5, document = CnpjOf(2), name = "Api Dois Ltda" },
        ];
        var response = await client.PostAsJsonAsync("/api/persons", batch);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((2, 0), (body.GetProperty("inserted").GetInt32(), body.GetProperty("updated").GetInt32()));

        response = await client.PostAsJsonAsync("/api/persons", new object[]
        {
            new { externalCode = "API-P1", type = 1, roles = 1, document = CnpjOf(1), name = "Api Um Renomeada", city = "Joinville" },
        });
        body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal((0, 1), (body.GetProperty("inserted").GetInt32(), body.GetProperty("updated").GetInt32()));
        var p1 = await FindAsync("API-P1");
        Assert.Equal(("Api Um Renomeada", "Joinville"), (p1!.Name, p1.City));
        Assert.Equal(PersonRoles.Customer | PersonRoles.Supplier, (await FindAsync("API-P2"))!.Roles);
    }

    [Fact]
    public async Task PostPersons_BadBatch_Is400WithIndexedKeys_AndWritesNothing()
    {
        var client = await ClientAsync("admin@foccocrm.demo");
        var response = await client.PostAsJsonAsync("/api/persons", new object[]
        {
            new { externalCode = "API-B1", type = 1, roles = 1, document = CnpjOf(11), name = "Boa Ltda" },
            new { externalCode = "API-B2", type = 1, roles = 1, document = "12.345.678/0001-00", name = "" },
            new { externalCode = "API-B1", type = 1, roles = 1, document = CnpjOf(13), name = "Código repetido" },
        });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        var keys = errors.EnumerateObject().Select(e => e.Name).Order().ToArray();
        Assert.Equal(["[1].Document", "[1].Name", "[2].ExternalCode"], keys);
        Assert.False(string.IsNullOrWhiteSpace(errors.GetProperty("[1].Document")[0].GetString()));
        Assert.Null(await FindAsync("API-B1"));
    }

    [Fact]
    public async Task PostPersons_AsAgent_Is403_AndWithoutToken_Is401()
    {
        var body = new object[] { new { externalCode = "API-A1", type = 1, roles = 1, document = CnpjOf(21), name = "Agente Ltda" } };
        Assert.Equal(HttpStatusCode.Forbidden, (await (await ClientAsync("agente1@foccocrm.demo")).PostAsJsonAsync("/api/persons", body)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/persons", body)).StatusCode);
        Assert.Null(await FindAsync("API-A1"));
    }

    [Fact]
    public async Task PostContacts_AddsToThePersonByCode_OrNamesTheBadItem()
    {
        var client = await ClientAsync("admin@foccocrm.demo");
        (await client.PostAsJsonAsync("/api/persons", new object[] { new { externalCode = "API-C1", type = 1, roles = 1, document = CnpjOf(31), name = "Contatos Ltda" } })).EnsureSuccessStatusCode();

        var response = await client.PostAsJsonAsync("/api/contacts", new object[]
        {
            new { personExternalCode = "API-C1", name = "Ana Compras", contactTypeCode = 1, email = "ana@contatos.com.br" },
        });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("inserted").GetInt32());

        response = await client.PostAsJsonAsync("/api/contacts", new object[]
        {
            new { personExternalCode = "API-C1", name = "ana compras", contactTypeCode = 2 },
            new { personExternalCode = "NAO-EXISTE", name = "Ninguém", contactTypeCode = 1 },
        });
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var errors = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("errors");
        Assert.Equal(["[1].PersonExternalCode"], errors.EnumerateObject().Select(e => e.Name).ToArray());
    }

    [Fact]
    public async Task OpenApi_DocumentsTheUpserts()
    {
        var doc = await app.CreateClient().GetFromJsonAsync<JsonElement>("/openapi/v1.json");
        var paths = doc.GetProperty("paths");
        foreach (var path in new[] { "/api/persons", "/api/contacts" })
        {
            var post = paths.GetProperty(path).GetProperty("post");
            Assert.False(string.IsNullOrWhiteSpace(post.GetProperty("summary").GetString()));
            var responses = post.GetProperty("responses");
            Assert.True(responses.TryGetProperty("200", out _));
            Assert.True(responses.TryGetProperty("400", out _));
        }
    }
}

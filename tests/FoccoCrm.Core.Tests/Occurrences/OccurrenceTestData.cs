using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tests.Persons;

namespace FoccoCrm.Core.Tests.Occurrences;

/// <summary>A company with an administrator, a manager, two agents, a consumer, and a type "Troca" with two reasons (through the real services).</summary>
public sealed record OccurrenceTestData(int Company, CurrentUser Admin, CurrentUser Manager, CurrentUser Agent1, CurrentUser Agent2, int Consumer,
    int TypeId, int ReasonId, int OtherReasonId)
{
    public static async Task<OccurrenceTestData> CreateAsync(TestDb t, string code = "01")
    {
        var company = await t.CompanyAsync(code);
        var admin = await t.UserAsync($"admin{code}@x.test", Roles.Administrator, company);
        var manager = await t.UserAsync($"gestor{code}@x.test", Roles.Manager, company);
        var agent1 = await t.UserAsync($"agente1-{code}@x.test", Roles.Agent, company);
        var agent2 = await t.UserAsync($"agente2-{code}@x.test", Roles.Agent, company);
        var consumer = await t.Get<PersonService>().CreateAsync(agent1, PersonServiceTests.Individual("Joana Consumidora " + code, 100 + int.Parse(code)));
        var types = t.Get<CatalogService<OccurrenceType>>();
        var reasons = t.Get<CatalogService<OccurrenceReason>>();
        var typeCode = 10 + int.Parse(code);
        var type = await types.CreateAsync(admin, new CatalogEntryInput { Kind = CatalogKind.OccurrenceType, Code = typeCode, Description = "Troca " + code });
        var reason = await reasons.CreateAsync(admin, new CatalogEntryInput { Kind = CatalogKind.OccurrenceReason, Code = 1, Description = "Produto com defeito" }, type);
        var other = await reasons.CreateAsync(admin, new CatalogEntryInput { Kind = CatalogKind.OccurrenceReason, Code = 2, Description = "Tamanho errado" }, type);
        return new OccurrenceTestData(company, admin, manager, agent1, agent2, consumer, type, reason, other);
    }

    public OccurrenceInput Input(string description = "Caneta não escreve") => new()
    {
        CompanyId = Company, OccurredAtUtc = new DateTime(2026, 11, 27, 11, 0, 0, DateTimeKind.Utc), PersonId = Consumer, TypeId = TypeId, ReasonId = ReasonId,
        Description = description,
    };
}

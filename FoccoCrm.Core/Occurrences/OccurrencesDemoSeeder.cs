using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Occurrences;

/// <summary>
/// Links the "Troca" occurrence type to the demo "Defeito — Caneta" checklist, and creates a few hundred occurrences over the last
/// months across companies, types, persons of every role, responsibles and statuses (one batch per company).
/// </summary>
public sealed class OccurrencesDemoSeeder : IDemoSeeder
{
    public const int Count = 300;

    public int Order => 60;

    private static readonly string[] Texts =
    [
        "Cliente relata atraso na entrega do pedido.", "Solicitou prorrogação do vencimento dos títulos.", "Produto chegou com defeito; pediu troca.",
        "Reclamação sobre o atendimento do representante.", "Pedido de segunda via do boleto.", "Consumidor informa caneta que não escreve.",
        "Mercadoria entregue em endereço errado.", "Divergência de preço na nota fiscal.", "Pedido de visita técnica.", "Embalagem danificada no transporte.",
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var f = context.Faker;
        if (!context.Items.TryGetValue("companies", out var c) || c is not int[] { Length: > 0 } companyIds) return;
        if (!context.Items.TryGetValue("persons", out var p) || p is not int[] { Length: > 0 } personIds) return;

        var troca = await db.OccurrenceTypes.FirstOrDefaultAsync(t => t.Description == "Troca", ct);
        var defect = await OccurrenceService.OccurrenceChecklists(db).Where(x => x.Code == "DEF-CANETA").Select(x => (int?)x.Id).FirstOrDefaultAsync(ct);
        if (troca is not null && defect is not null)
        {
            troca.Apply(new CatalogEntryInput { Kind = CatalogKind.OccurrenceType, Code = troca.Code, Description = troca.Description, IsActive = true, ChecklistId = defect });
            await db.SaveChangesAsync(ct);
        }
        var reasons = await db.OccurrenceReasons.AsNoTracking().Where(r => r.IsActive).Select(r => new { r.Id, r.TypeId }).ToListAsync(ct);
        if (reasons.Count == 0) return;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var total = 0;
        foreach (var companyId in companyIds)
        {
            var users = await db.Users.AsNoTracking().Where(u => u.IsActive && u.Companies.Any(x => x.CompanyId == companyId) && u.PersonId == null)
                .Select(u => new { u.Id, u.FullName }).ToListAsync(ct);
            if (users.Count == 0) continue;
            var count = companyId == companyIds[0] ? Count * 2 / 3 : Count - Count * 2 / 3;
            for (var n = 1; n <= count; n++)
            {
                var reason = f.PickRandom(reasons);
                var creator = f.PickRandom(users);
                var responsible = f.Random.Bool(0.7f) ? creator : f.PickRandom(users);
                var at = now.AddMinutes(-f.Random.Int(60, 60 * 24 * 180));
                var o = Occurrence.Seed(companyId, n, new OccurrenceInput
                {
                    OccurredAtUtc = at, PersonId = f.PickRandom(personIds), TypeId = reason.TypeId, ReasonId = reason.Id, Description = f.PickRandom(Texts),
                }, responsible.Id, creator.Id, creator.FullName, at);
                o.History.Add(new OccurrenceHistory(at, creator.Id, creator.FullName, OccurrenceFields.Created, null, n.ToString(System.Globalization.CultureInfo.InvariantCulture)));
                if (responsible.Id != creator.Id)
                    o.History.Add(new OccurrenceHistory(at.AddMinutes(5), creator.Id, creator.FullName, OccurrenceFields.Forwarded, creator.FullName, responsible.FullName));
                if (at < now.AddDays(-7) && f.Random.Bool(0.55f))
                {
                    var closedAt = at.AddHours(f.Random.Int(1, 24 * 10));
                    o.Close(f.PickRandom("Resolvido com o cliente.", "Troca autorizada.", "Prazo prorrogado.", "Sem procedência."), closedAt);
                    o.Touch(closedAt);
                    o.History.Add(new OccurrenceHistory(closedAt, responsible.Id, responsible.FullName, OccurrenceFields.Status, nameof(OccurrenceStatus.Open), nameof(OccurrenceStatus.Closed)));
                }
                db.Occurrences.Add(o);
                total++;
            }
            await db.SaveChangesAsync(ct);
            db.ChangeTracker.Clear();
        }
        context.Logger.LogInformation("Demo data: {Occurrences} occurrences created", total);
    }
}

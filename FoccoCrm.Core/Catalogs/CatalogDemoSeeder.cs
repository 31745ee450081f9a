using FoccoCrm.Core.Demo;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Catalogs;

/// <summary>The seed document's catalog examples, plus a few believable ticket types.</summary>
public sealed class CatalogDemoSeeder : IDemoSeeder
{
    public int Order => 10;

    private static readonly (int Code, string Description, (int Code, string Description)[] Reasons)[] OccurrenceTypes =
    [
        (1, "Prorrogação", [(1, "Atraso na entrega"), (2, "Atraso títulos")]),
        (2, "Troca", [(1, "Produto com defeito")]),
    ];

    private static readonly (int Code, string Description, (int Code, string Description)[] Reasons)[] TicketTypes =
    [
        (1, "Cancelamento", [(1, "Não recebimento da mercadoria"), (2, "Pedido em duplicidade")]),
        (2, "Reclamação", [(1, "Produto com defeito"), (2, "Atendimento do representante"), (3, "Cobrança indevida")]),
        (3, "Assistência técnica", [(1, "Instalação"), (2, "Manutenção em garantia")]),
    ];

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        foreach (var (code, description, reasons) in OccurrenceTypes)
        {
            var type = Entry(OccurrenceType.New(), CatalogKind.OccurrenceType, code, description);
            foreach (var r in reasons) type.Reasons.Add(Entry(OccurrenceReason.New(), CatalogKind.OccurrenceReason, r.Code, r.Description));
            db.OccurrenceTypes.Add(type);
        }
        foreach (var (code, description, reasons) in TicketTypes)
        {
            var type = Entry(TicketType.New(), CatalogKind.TicketType, code, description);
            foreach (var r in reasons) type.Reasons.Add(Entry(TicketReason.New(), CatalogKind.TicketReason, r.Code, r.Description));
            db.TicketTypes.Add(type);
        }
        db.QuestionGroupers.AddRange(Entry(QuestionGrouper.New(), CatalogKind.QuestionGrouper, 1, "Entrega"),
            Entry(QuestionGrouper.New(), CatalogKind.QuestionGrouper, 2, "Atraso"), Entry(QuestionGrouper.New(), CatalogKind.QuestionGrouper, 3, "Defeito"));
        db.ChecklistTypes.AddRange(Entry(ChecklistType.New(), CatalogKind.ChecklistType, 1, "Defeito", ChecklistUsage.Occurrence),
            Entry(ChecklistType.New(), CatalogKind.ChecklistType, 2, "Prazo de entrega", ChecklistUsage.Occurrence),
            Entry(ChecklistType.New(), CatalogKind.ChecklistType, 3, "Dados cadastrais", ChecklistUsage.Registration));
        db.ContactTypes.AddRange(Entry(ContactType.New(), CatalogKind.ContactType, 1, "Comprador"), Entry(ContactType.New(), CatalogKind.ContactType, 2, "Vendas"),
            Entry(ContactType.New(), CatalogKind.ContactType, 3, "Representante"), Entry(ContactType.New(), CatalogKind.ContactType, 4, "Secretária"));
        await db.SaveChangesAsync(ct);
        context.Logger.LogInformation("Demo data: catalogs created");
    }

    private static T Entry<T>(T entry, CatalogKind kind, int code, string description, ChecklistUsage? usage = null) where T : CatalogEntry
    {
        entry.Apply(new CatalogEntryInput { Kind = kind, Code = code, Description = description, Usage = usage });
        return entry;
    }
}

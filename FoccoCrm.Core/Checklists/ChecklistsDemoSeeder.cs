using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Commercial;
using FoccoCrm.Core.Demo;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Checklists;

/// <summary>
/// Bank questions; a "Defeito" checklist for the product "Caneta" (created in both companies when missing; the checklist points
/// to the first company's, products being per company) with three levels of conditional questions; and a Registration checklist
/// "Perfil do cliente", both published and linked to both companies, the latter filled for 20 demo customers.
/// </summary>
public sealed class ChecklistsDemoSeeder : IDemoSeeder
{
    public int Order => 40;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var f = context.Faker;
        if (!context.Items.TryGetValue("companies", out var c) || c is not int[] { Length: > 0 } companyIds) return;
        var groupers = await db.QuestionGroupers.AsNoTracking().ToDictionaryAsync(g => g.Code, g => g.Id, ct);
        var types = await db.ChecklistTypes.AsNoTracking().ToListAsync(ct);
        var defectType = types.FirstOrDefault(t => t.Usage == ChecklistUsage.Occurrence && t.Description == "Defeito") ?? types.FirstOrDefault(t => t.Usage == ChecklistUsage.Occurrence);
        var registrationType = types.FirstOrDefault(t => t.Usage == ChecklistUsage.Registration);
        if (groupers.Count == 0 || defectType is null || registrationType is null) return;
        var defeito = groupers.GetValueOrDefault(3, groupers.Values.First());
        var entrega = groupers.GetValueOrDefault(1, groupers.Values.First());
        var now = context.Clock.GetUtcNow().UtcDateTime;

        // Product "Caneta" in every demo company (the same ERP code, as the commercial catalog does)
        int? canetaId = null;
        foreach (var companyId in companyIds.Take(2))
        {
            var product = await db.Products.FirstOrDefaultAsync(p => p.CompanyId == companyId && p.Description == "Caneta", ct);
            if (product is null)
            {
                product = Product.Create(companyId, new ProductInput { Code = "CAN0001", Description = "Caneta", Unit = "UN", Group = "Escritório", Price = 3.90m });
                db.Products.Add(product);
                await db.SaveChangesAsync(ct);
            }
            canetaId ??= product.Id;
        }

        Question Q(string text, int grouper, AnswerKind kind, params string[] options)
        {
            var q = Question.Create(new QuestionInput { Text = text, GrouperId = grouper, Kind = kind, Options = [.. options.Select(o => new QuestionOptionInput { Text = o })] });
            db.Questions.Add(q);
            return q;
        }

        var riscado = Q("Produto está riscado?", defeito, AnswerKind.YesNo);
        var onde = Q("Onde está o risco?", defeito, AnswerKind.SingleChoice, "Corpo", "Tampa", "Ponta");
        var escreve = Q("A ponta escreve normalmente?", defeito, AnswerKind.YesNo);
        var falha = Q("Descreva a falha na escrita", defeito, AnswerKind.Text);
        var tamanho = Q("Tamanho do risco (mm)", defeito, AnswerKind.Number);
        var qual = Q("Qual defeito foi encontrado?", defeito, AnswerKind.MultipleChoice, "Não escreve", "Vazamento de tinta", "Mola quebrada", "Outro");
        var outro = Q("Descreva o defeito", defeito, AnswerKind.Text);
        var compra = Q("Data da compra", entrega, AnswerKind.Date);
        var nota = Q("Possui nota fiscal?", entrega, AnswerKind.YesNo);
        var embalagem = Q("A embalagem chegou danificada?", entrega, AnswerKind.YesNo);
        var porte = Q("Porte da empresa", entrega, AnswerKind.SingleChoice, "Micro", "Pequena", "Média", "Grande");
        var segmentos = Q("Segmentos de atuação", entrega, AnswerKind.MultipleChoice, "Indústria", "Comércio", "Serviços", "Agronegócio");
        var frota = Q("Possui frota própria?", entrega, AnswerKind.YesNo);
        var veiculos = Q("Quantos veículos?", entrega, AnswerKind.Number);
        var fundacao = Q("Data de fundação", entrega, AnswerKind.Date);
        var observacoes = Q("Observações", entrega, AnswerKind.Text);
        await db.SaveChangesAsync(ct);

        int Opt(Question q, string text) => q.Options.First(o => o.Text == text).Id;
        Guid Must(TreeResult r) => r.NodeId ?? throw new InvalidOperationException(r.Reason);

        // Defeito (three levels and more)
        var defect = new ChecklistTree();
        var nRiscado = Must(defect.AddRoot(riscado.ToForm(), required: true));
        var nOnde = Must(defect.AddFollowUp(nRiscado, onde.ToForm(), [Opt(riscado, Question.YesText)], required: true));
        var nEscreve = Must(defect.AddFollowUp(nOnde, escreve.ToForm(), [Opt(onde, "Ponta")]));
        Must(defect.AddFollowUp(nEscreve, falha.ToForm(), [Opt(escreve, Question.NoText)], required: true));
        Must(defect.AddFollowUp(nOnde, tamanho.ToForm(), [Opt(onde, "Corpo"), Opt(onde, "Tampa")]));
        var nQual = Must(defect.AddFollowUp(nRiscado, qual.ToForm(), [Opt(riscado, Question.NoText)], required: true));
        Must(defect.AddFollowUp(nQual, outro.ToForm(), [Opt(qual, "Outro")], required: true));
        Must(defect.AddRoot(compra.ToForm()));
        Must(defect.AddRoot(nota.ToForm(), required: true));
        Must(defect.AddRoot(embalagem.ToForm()));
        var defectChecklist = await SaveAndPublishAsync(context, new ChecklistInput
        {
            Code = "DEF-CANETA", Description = "Defeito — Caneta", TypeId = defectType.Id, ProductId = canetaId, CompanyIds = [.. companyIds.Take(2)],
        }, defect, now, ct);

        // Perfil do cliente (Registration)
        var profile = new ChecklistTree();
        var nPorte = Must(profile.AddRoot(porte.ToForm(), required: true));
        var nSeg = Must(profile.AddRoot(segmentos.ToForm()));
        var nFrota = Must(profile.AddRoot(frota.ToForm()));
        var nVeic = Must(profile.AddFollowUp(nFrota, veiculos.ToForm(), [Opt(frota, Question.YesText)], required: true));
        var nFund = Must(profile.AddRoot(fundacao.ToForm()));
        var nObs = Must(profile.AddRoot(observacoes.ToForm()));
        var (profileChecklist, profileVersion) = await SaveAndPublishAsync(context, new ChecklistInput
        {
            Code = "PERFIL", Description = "Perfil do cliente", TypeId = registrationType.Id, CompanyIds = [.. companyIds.Take(2)],
        }, profile, now, ct);

        // filled for 20 customers
        var customers = await db.Persons.AsNoTracking().Where(p => p.IsActive && ((int)p.Roles & (int)PersonRoles.Customer) != 0)
            .OrderBy(p => p.Id).Select(p => p.Id).Take(20).ToListAsync(ct);
        var definition = profileVersion.ToDefinition();
        foreach (var personId in customers)
        {
            var hasFleet = f.Random.Bool(0.4f);
            var answers = new List<ChecklistAnswer>
            {
                ChecklistAnswer.Options(nPorte, f.PickRandom(porte.Options).Id),
                ChecklistAnswer.Options(nSeg, [.. f.PickRandom(segmentos.Options, f.Random.Int(1, 3)).Select(o => o.Id)]),
                ChecklistAnswer.Options(nFrota, Opt(frota, hasFleet ? Question.YesText : Question.NoText)),
                ChecklistAnswer.OfNumber(nVeic, f.Random.Int(1, 40)), // dropped by the engine when there is no fleet
                ChecklistAnswer.OfDate(nFund, DateOnly.FromDateTime(f.Date.Past(40, now))),
            };
            if (f.Random.Bool(0.3f)) answers.Add(ChecklistAnswer.OfText(nObs, f.Lorem.Sentence()));
            var evaluation = ChecklistEngine.Evaluate(definition, answers);
            var response = ChecklistResponse.ForPerson(profileChecklist.Id, personId, companyIds[0], now);
            response.Fill(profileVersion.Id, definition, evaluation.CleanAnswers, now, "", "Demo");
            db.ChecklistResponses.Add(response);
        }
        await db.SaveChangesAsync(ct);
        context.Logger.LogInformation("Demo data: checklists {Defect} and {Profile} published, {Count} persons' additional data filled",
            defectChecklist.Checklist.Code, profileChecklist.Code, customers.Count);
    }

    private static async Task<(Checklist Checklist, ChecklistVersion Version)> SaveAndPublishAsync(DemoSeedContext context, ChecklistInput input, ChecklistTree tree,
        DateTime now, CancellationToken ct)
    {
        var db = context.Db;
        var checklist = Checklist.Create(input);
        db.Checklists.Add(checklist);
        await db.SaveChangesAsync(ct);
        foreach (var n in tree.Nodes) db.ChecklistNodes.Add(ChecklistNode.From(checklist.Id, n));
        checklist.TouchDraft();
        var version = ChecklistVersion.Publish(checklist, 1, tree.ToDefinition(), now, "", "Demo");
        db.ChecklistVersions.Add(version);
        await db.SaveChangesAsync(ct);
        return (checklist, version);
    }
}

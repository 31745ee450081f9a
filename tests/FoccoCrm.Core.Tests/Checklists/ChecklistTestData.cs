using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Identity;

namespace FoccoCrm.Core.Tests.Checklists;

/// <summary>Builds bank questions and checklists through the real services.</summary>
public sealed class ChecklistTestData(TestDb t, CurrentUser admin)
{
    public CurrentUser Admin { get; } = admin;
    public QuestionService Questions => t.Get<QuestionService>();
    public ChecklistService Checklists => t.Get<ChecklistService>();
    public ChecklistDesignService Design => t.Get<ChecklistDesignService>();

    public static async Task<ChecklistTestData> CreateAsync(TestDb t, params int[] companyIds) =>
        new(t, await t.UserAsync("admin@x.test", Roles.Administrator, companyIds));

    private int grouper;
    private readonly Dictionary<ChecklistUsage, int> types = [];

    public async Task<int> GrouperAsync()
    {
        if (grouper == 0)
            grouper = await t.Get<CatalogService<QuestionGrouper>>().CreateAsync(Admin,
                new CatalogEntryInput { Kind = CatalogKind.QuestionGrouper, Code = 3, Description = "Defeito" });
        return grouper;
    }

    public async Task<int> TypeAsync(ChecklistUsage usage = ChecklistUsage.Occurrence)
    {
        if (!types.TryGetValue(usage, out var id))
            types[usage] = id = await t.Get<CatalogService<ChecklistType>>().CreateAsync(Admin,
                new CatalogEntryInput { Kind = CatalogKind.ChecklistType, Code = (int)usage, Description = usage.ToString(), Usage = usage });
        return id;
    }

    public async Task<QuestionDetail> QuestionAsync(string text, AnswerKind kind, params string[] options)
    {
        var id = await Questions.CreateAsync(Admin, new QuestionInput
        {
            Text = text, GrouperId = await GrouperAsync(), Kind = kind, Options = [.. options.Select(o => new QuestionOptionInput { Text = o })],
        });
        return await Questions.GetAsync(Admin, id);
    }

    public async Task<int> ChecklistAsync(string code, ChecklistUsage usage = ChecklistUsage.Occurrence, params int[] companyIds) =>
        await Checklists.CreateAsync(Admin, new ChecklistInput { Code = code, Description = "Checklist " + code, TypeId = await TypeAsync(usage), CompanyIds = [.. companyIds] });

    public static int Opt(QuestionDetail q, string text) => q.Options.First(o => o.Text == text).Id;

    public static Guid Ok(TreeResult r)
    {
        Assert.True(r.Ok, r.Reason);
        return r.NodeId!.Value;
    }

    /// <summary>"Riscado?" (yes/no) → if Sim: "Onde?" (Corpo/Tampa/Ponta, required) → if Ponta: "Descreva" (text, required).</summary>
    public async Task<(int ChecklistId, QuestionDetail Riscado, QuestionDetail Onde, QuestionDetail Descreva, Guid NRiscado, Guid NOnde, Guid NDescreva)>
        DefectAsync(string code, ChecklistUsage usage, params int[] companyIds)
    {
        var riscado = await QuestionAsync("Produto está riscado?", AnswerKind.YesNo);
        var onde = await QuestionAsync("Onde está o risco?", AnswerKind.SingleChoice, "Corpo", "Tampa", "Ponta");
        var descreva = await QuestionAsync("Descreva", AnswerKind.Text);
        var id = await ChecklistAsync(code, usage, companyIds);
        var design = await Design.OpenAsync(Admin, id);
        var nRiscado = Ok(await Design.AddRootAsync(Admin, design, riscado.Id, required: true));
        var nOnde = Ok(await Design.AddFollowUpAsync(Admin, design, nRiscado, onde.Id, [Opt(riscado, "Sim")], required: true));
        var nDescreva = Ok(await Design.AddFollowUpAsync(Admin, design, nOnde, descreva.Id, [Opt(onde, "Ponta")], required: true));
        return (id, riscado, onde, descreva, nRiscado, nOnde, nDescreva);
    }
}

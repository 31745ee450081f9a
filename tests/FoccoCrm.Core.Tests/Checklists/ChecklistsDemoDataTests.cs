using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Checklists;

public sealed class ChecklistsDemoDataTests() : DemoDataTest(new DateTimeOffset(2026, 11, 27, 12, 0, 0, TimeSpan.Zero))
{
    [Fact]
    public async Task Demo_DefeitoForCaneta_HasThreeConditionalLevels_AndTheProfileIsFilledForTwentyCustomers()
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync();
        var admin = (await Services.GetRequiredService<UserAccessService>().LoadAsync(await db.Users.Where(u => u.Email == "admin@foccocrm.demo").Select(u => u.Id).SingleAsync()))!;
        var checklists = Services.GetRequiredService<ChecklistService>();
        var rows = (await checklists.ListAsync(admin, new ChecklistQuery())).Items;

        var defect = rows.Single(r => r.Code == "DEF-CANETA");
        Assert.Equal("Caneta", defect.ProductDescription);
        Assert.Equal(2, defect.CompanyIds.Count);
        Assert.Equal((1, false), (defect.LatestVersionNumber, defect.HasUnpublishedChanges));
        var design = await Services.GetRequiredService<ChecklistDesignService>().OpenAsync(admin, defect.Id);
        Assert.True(design.Tree.Nodes.Max(n => design.Tree.Depth(n.Id)) >= 3);
        Assert.Empty(design.Tree.Orphans());
        var riscado = design.Tree.Roots.First();
        Assert.Equal("Produto está riscado?", design.Tree.QuestionOf(riscado)!.Text);
        Assert.Equal("Defeito", (await Services.GetRequiredService<QuestionService>().GetAsync(admin, riscado.QuestionId)).GrouperDescription);
        Assert.Equal(2, await db.Products.CountAsync(p => p.Description == "Caneta"));

        var profile = rows.Single(r => r.Code == "PERFIL");
        Assert.Equal(Core.Catalogs.ChecklistUsage.Registration, profile.Usage);
        Assert.Equal(20, await db.ChecklistResponses.CountAsync(r => r.ChecklistId == profile.Id && r.PersonId != null));
        // every stored response is clean: no answer of a hidden node (the number of vehicles only with a fleet)
        var version = (await checklists.GetVersionAsync(admin, (await checklists.ListVersionsAsync(admin, profile.Id))[0].Id)).Definition;
        foreach (var r in await db.ChecklistResponses.Include(x => x.Answers).Where(x => x.ChecklistId == profile.Id).ToListAsync())
        {
            var answers = r.ToAnswers();
            Assert.True(ChecklistEngine.Evaluate(version, answers).IsValid);
            Assert.Equal(answers.Count, ChecklistEngine.Clean(version, answers).Count);
        }
    }
}

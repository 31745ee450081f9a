using Bunit;
using FluentValidation;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Occurrences;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using FoccoCrm.Core.Tests.Occurrences;
using FoccoCrm.Web.Features.Selections;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using MudBlazor;

namespace FoccoCrm.Web.Tests.Selections;

/// <summary>"Gerar ocorrências para todos": the recount with its difference, the typed confirmation above the threshold, the background run.</summary>
public class GenerateOccurrencesDialogTests : ComponentTestBase
{
    protected override bool DatabaseOnFile => true; // runs go on in the background while the test reads

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<SelectionService>());
        Services.AddSingleton(Db.Get<CatalogService<OccurrenceType>>());
        Services.AddSingleton(Db.Get<CatalogService<OccurrenceReason>>());
        Services.AddSingleton(Db.Get<IValidator<GenerateOccurrencesInput>>());
        Services.AddSingleton<TimeProvider>(Db.Clock);
        Services.AddSingleton(new SelectionRunner(Db.Get<SelectionService>(), NullLogger<SelectionRunner>.Instance));
    }

    [Fact]
    public async Task AboveTheThreshold_StartWaitsForTheTypedNumber_TheRecountDifferenceShows_AndTheRunCreatesThemAll()
    {
        var d = await OccurrenceTestData.CreateAsync(Db);
        var matching = GenerateOccurrencesInput.TypedConfirmationAbove + 5;
        await using (var db = await Db.DbAsync())
        {
            var now = Db.Clock.GetUtcNow().UtcDateTime;
            for (var i = 0; i < matching; i++)
                db.Persons.Add(Person.Create(new PersonInput { Name = $"Cliente SC {i:000}", Document = (1000 + i).ToString(), State = "SC" }, now));
            await db.SaveChangesAsync();
        }
        var definition = new SelectionDefinition
        {
            Roles = PersonRoles.Customer,
            Root = new SelectionGroup { Children = [new SelectionCondition { Field = "person.state", Operator = SelectionOperator.Equals, Values = ["SC"] }] },
        };
        var cut = RenderAs<MudDialogProvider>(d.Manager);
        var parameters = new DialogParameters<GenerateOccurrencesDialog> { { x => x.Definition, definition }, { x => x.PreviewCount, matching - 1 } };
        IDialogReference? dialog = null;
        await cut.InvokeAsync(async () => dialog = await Services.GetRequiredService<IDialogService>().ShowAsync<GenerateOccurrencesDialog>("Gerar", parameters));

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<MudSelect<int?>>()));
        var selects = cut.FindComponents<MudSelect<int?>>();
        await cut.InvokeAsync(() => selects[0].Instance.ValueChanged.InvokeAsync(d.TypeId));
        await cut.InvokeAsync(() => cut.FindComponents<MudSelect<int?>>()[1].Instance.ValueChanged.InvokeAsync(d.ReasonId));
        await cut.InvokeAsync(() => cut.FindComponents<MudTextField<string>>()[0].Instance.ValueChanged.InvokeAsync("Campanha SC"));
        cut.Find("[data-testid=gen-continue]").Click();

        cut.WaitForAssertion(() => Assert.Contains($"Serão criadas {matching} ocorrências", cut.Find("[data-testid=gen-recount]").TextContent));
        Assert.Contains($"A prévia mostrava {matching - 1}; recontado agora: {matching}", cut.Find("[data-testid=gen-difference]").TextContent);
        var start = cut.Find("[data-testid=gen-start]");
        Assert.True(start.HasAttribute("disabled"));

        // a wrong number keeps it disabled; the right one enables it
        var typed = cut.FindComponents<MudTextField<string>>().Single(t => t.Instance.UserAttributes.TryGetValue("data-testid", out var v) && (string?)v == "gen-typed");
        await cut.InvokeAsync(() => typed.Instance.ValueChanged.InvokeAsync((matching - 1).ToString()));
        Assert.True(cut.Find("[data-testid=gen-start]").HasAttribute("disabled"));
        await cut.InvokeAsync(() => typed.Instance.ValueChanged.InvokeAsync(matching.ToString()));
        Assert.False(cut.Find("[data-testid=gen-start]").HasAttribute("disabled"));
        cut.Find("[data-testid=gen-start]").Click();

        var result = await dialog!.Result;
        var runId = Assert.IsType<Guid>(result!.Data);
        var service = Db.Get<SelectionService>();
        SelectionRunRow? run = null;
        for (var i = 0; i < 200 && run?.Status is not (SelectionRunStatus.Completed or SelectionRunStatus.Failed); i++)
        {
            await Task.Delay(50);
            try { run = await service.GetRunAsync(d.Manager, runId); } catch (Core.Common.NotFoundException) { }
        }
        Assert.Equal(SelectionRunStatus.Completed, run!.Status);
        Assert.Equal((matching, matching), (run.ExpectedCount, run.CreatedCount));
        Assert.Equal(matching, (await service.ListRunOccurrenceIdsAsync(d.Manager, runId)).Count);
    }
}

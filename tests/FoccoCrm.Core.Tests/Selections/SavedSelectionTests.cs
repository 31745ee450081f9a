using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Selections;
using static FoccoCrm.Core.Tests.Selections.SelectionTestData;
using Op = FoccoCrm.Core.Selections.SelectionOperator;

namespace FoccoCrm.Core.Tests.Selections;

/// <summary>Saved selections: visibility, snapshot vs dynamic, duplicate, membership with cycle check, export, scoping.</summary>
public sealed class SavedSelectionTests : DbTest
{
    private SelectionService Service => t.Get<SelectionService>();

    private static SavedSelectionInput Saved(string name, SelectionDefinition def, SelectionKind kind = SelectionKind.Dynamic,
        SelectionVisibility visibility = SelectionVisibility.Company) => new() { Name = name, Definition = def, Kind = kind, Visibility = visibility };

    private static SelectionCondition Member(params int[] ids) => C("selection.member", Op.In, [.. ids.Cast<object>()]);

    [Fact]
    public async Task Dynamic_IsEvaluatedAtEachUse_Snapshot_KeepsItsMembersAndDate()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var sc = Def(C("person.state", Op.In, "SC"));
        var dynamicId = await Service.CreateSavedAsync(d.Manager, Saved("SC dinâmica", sc));
        var snapshotId = await Service.CreateSavedAsync(d.Manager, Saved("SC congelada", sc, SelectionKind.Snapshot));
        var snap = (await Service.GetSavedAsync(d.Manager, snapshotId)).Row;
        Assert.Equal((2, t.Clock.GetUtcNow().UtcDateTime), (snap.SnapshotCount, snap.SnapshotAtUtc));

        await using (var db = await t.DbAsync())
        {
            var bruno = await db.Persons.FindAsync(d.Bruno);
            bruno!.Apply(new Core.Persons.PersonInput { Name = "Bruno ME", Type = Core.Persons.PersonType.Legal, Document = bruno.Document, State = "SC" });
            await db.SaveChangesAsync();
        }
        Assert.Equal(3, await Service.CountAsync(d.Manager, Def(Member(dynamicId))));
        Assert.Equal(2, await Service.CountAsync(d.Manager, Def(Member(snapshotId))));
        Assert.Equal(2, await Service.CountAsync(d.Manager, await Service.DefinitionOfAsync(d.Manager, snapshotId)));
        Assert.Equal(3, await Service.CountAsync(d.Manager, Def(C("selection.member", Op.NotIn, snapshotId))));
    }

    [Fact]
    public async Task Membership_CycleIsRefused_DirectAndIndirect()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var a = await Service.CreateSavedAsync(d.Manager, Saved("A", Def(C("person.state", Op.In, "SC"))));
        var b = await Service.CreateSavedAsync(d.Manager, Saved("B", Def(Member(a))));
        var detailA = await Service.GetSavedAsync(d.Manager, a);

        var self = await Assert.ThrowsAsync<BusinessRuleException>(() => Service.UpdateSavedAsync(d.Manager, a, Saved("A", Def(Member(a))), detailA.Row.Version));
        Assert.Equal(SelectionMessages.SelectionCycle, self.Message);
        var indirect = await Assert.ThrowsAsync<BusinessRuleException>(() => Service.UpdateSavedAsync(d.Manager, a, Saved("A", Def(Member(b))), detailA.Row.Version));
        Assert.Equal(SelectionMessages.SelectionCycle, indirect.Message);
        Assert.Equal(2, await Service.CountAsync(d.Manager, Def(Member(b))));
        var issues = await Service.ValidateAsync(d.Manager, Def(Member(b)));
        Assert.Empty(issues);
    }

    [Fact]
    public async Task Visibility_PrivateIsTheOwnersOnly_AndOtherCompaniesSeeNothing()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var mine = await Service.CreateSavedAsync(d.Manager, Saved("Minha", Def(), visibility: SelectionVisibility.Private));
        var shared = await Service.CreateSavedAsync(d.Manager, Saved("Da empresa", Def()));
        Assert.Equal(["Da empresa"], (await Service.ListSavedAsync(d.Agent)).Select(r => r.Name));
        Assert.Equal(["Da empresa", "Minha"], (await Service.ListSavedAsync(d.Manager)).Select(r => r.Name));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetSavedAsync(d.Agent, mine));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.GetSavedAsync(d.OtherManager, shared));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CountAsync(d.Agent, Def(Member(mine))));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CountAsync(d.OtherManager, Def(Member(shared))));
        // an agent sees the company's selection but does not own it
        var row = Assert.Single(await Service.ListSavedAsync(d.Agent));
        Assert.False(row.CanEdit);
        await Assert.ThrowsAsync<ForbiddenException>(() => Service.DeleteSavedAsync(d.Agent, shared, row.Version));
    }

    [Fact]
    public async Task Duplicate_CopiesRulesAndFrozenMembers_AsAPrivateSelectionOfTheUser()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var snapshot = await Service.CreateSavedAsync(d.Manager, Saved("Clientes", Def(C("person.roles", Op.In, "Customer")), SelectionKind.Snapshot));
        var copy = await Service.DuplicateSavedAsync(d.Admin, snapshot);
        var row = (await Service.GetSavedAsync(d.Admin, copy)).Row;
        Assert.Equal(("Clientes (cópia)", SelectionVisibility.Private, SelectionKind.Snapshot, 3, d.Admin.Id), (row.Name, row.Visibility, row.Kind, row.SnapshotCount, row.OwnerId));
        Assert.Equal(3, await Service.CountAsync(d.Admin, Def(Member(copy))));
    }

    [Fact]
    public async Task Save_BadInput_IsRefused_ConcurrentEdit_IsAConflict()
    {
        var d = await SelectionTestData.CreateAsync(t);
        await Assert.ThrowsAsync<ValidationException>(() => Service.CreateSavedAsync(d.Manager, Saved("", Def())));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.CreateSavedAsync(d.Manager, Saved("X", Def(C("person.salary", Op.Equals, "1")))));
        var id = await Service.CreateSavedAsync(d.Manager, Saved("X", Def()));
        var v = (await Service.GetSavedAsync(d.Manager, id)).Row.Version;
        await Service.UpdateSavedAsync(d.Manager, id, Saved("Y", Def()), v);
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => Service.UpdateSavedAsync(d.Manager, id, Saved("Z", Def()), v));
        Assert.Equal("Y", (await Service.GetSavedAsync(d.Manager, id)).Row.Name);
    }

    [Fact]
    public async Task Representative_CountsPreviewsAndExportsOnlyTheirCustomers()
    {
        var d = await SelectionTestData.CreateAsync(t);
        Assert.Equal(2, await Service.CountAsync(d.Rep, Def())); // Ana (represented in 01) and himself
        Assert.Equal(["Ana Ltda", "Roberto Rep"], (await Service.PreviewAsync(d.Rep, Def(), 0, 10)).Items.Select(i => i.Name));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.ExplainAsync(d.Rep, Def(), d.Bruno));
        var csv = System.Text.Encoding.UTF8.GetString(await Service.ExportAsync(d.Rep, Def(), [SelectionExportColumn.Name, SelectionExportColumn.State], ExportFormat.Csv));
        Assert.Contains("Ana Ltda", csv);
        Assert.DoesNotContain("Bruno", csv);
    }

    [Fact]
    public async Task Export_HasTheChosenColumns_InCsvAndXlsx()
    {
        var d = await SelectionTestData.CreateAsync(t);
        var csv = System.Text.Encoding.UTF8.GetString(await Service.ExportAsync(d.Manager, Def(C("person.state", Op.In, "SC")),
            [SelectionExportColumn.Name, SelectionExportColumn.City], ExportFormat.Csv)).TrimStart('\uFEFF');
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.Equal(3, lines.Length);
        Assert.StartsWith("Nome", lines[0]);
        Assert.Contains("Joinville", lines[1]);
        var xlsx = await Service.ExportAsync(d.Manager, Def(), [], ExportFormat.Xlsx);
        Assert.Equal((byte)'P', xlsx[0]); // a zip (workbook)
    }
}

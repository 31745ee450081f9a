using Bunit;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using FoccoCrm.Web.Features.Selections;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace FoccoCrm.Web.Tests.Selections;

/// <summary>The FERM0202 rule builder: structural buttons, operators by type, incomplete conditions, and the debounced live count.</summary>
public class SelectionBuilderTests : ComponentTestBase
{
    private CurrentUser manager = default!;

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<SelectionService>());
        Services.AddSingleton(Db.Get<SelectionCatalogService>());
        Services.AddSingleton(Db.Get<PersonService>());
        Services.AddSingleton<TimeProvider>(Db.Clock);
        var company = await Db.CompanyAsync("01");
        manager = await Db.UserAsync("gestor@x.test", Roles.Manager, company);
    }

    private static SelectionCondition C(string field, SelectionOperator? op, params string[] values) => new() { Field = field, Operator = op, Values = [.. values] };

    /// <summary>A count source the test answers by hand (in any order).</summary>
    private sealed class ManualCounts
    {
        public List<(TaskCompletionSource<int> Answer, CancellationToken Token)> Calls { get; } = [];

        public Task<int> CountAsync(SelectionDefinition _, CancellationToken ct)
        {
            var tcs = new TaskCompletionSource<int>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (Calls) Calls.Add((tcs, ct));
            return tcs.Task;
        }
    }

    private IRenderedComponent<IComponent> Render(SelectionDefinition d, ManualCounts? counts = null, Action<(SelectionDefinition, int)>? counted = null,
        bool realValidation = true)
    {
        var cut = RenderAs<SelectionBuilder>(manager, b =>
        {
            b.AddAttribute(5, nameof(SelectionBuilder.Definition), d);
            b.AddAttribute(6, nameof(SelectionBuilder.CountSource), (Func<SelectionDefinition, CancellationToken, Task<int>>)((counts ?? new ManualCounts()).CountAsync));
            if (!realValidation)
                b.AddAttribute(8, nameof(SelectionBuilder.ValidateSource),
                    (Func<SelectionDefinition, CancellationToken, Task<IReadOnlyList<SelectionIssue>>>)((_, _) => Task.FromResult<IReadOnlyList<SelectionIssue>>([])));
            if (counted is not null)
                b.AddAttribute(7, nameof(SelectionBuilder.OnCounted), EventCallback.Factory.Create<(SelectionDefinition, int)>(this, counted));
        });
        // the builder shows once its fields are loaded; the first count (of the definition as loaded) is then waiting for its 400 ms
        cut.WaitForElement("[data-testid=sel-builder]");
        return cut;
    }

    /// <summary>Clicks and waits for the handler: a plain Click() only queues the event when the renderer is busy (the count's continuation).</summary>
    private static Task ClickLabelled(IRenderedComponent<IComponent> cut, string label) =>
        cut.FindAll($"[aria-label='{label}']").First(e => e.TagName is "BUTTON" or "A" || e.GetAttribute("role") == "menuitem" || e.ClassList.Contains("mud-menu-item")).ClickAsync(new());

    private async Task OpenMenuAsync(IRenderedComponent<IComponent> cut, string itemName)
    {
        var menu = cut.FindComponents<MudMenu>().First(m => (m.Instance.UserAttributes.TryGetValue("aria-label", out var a) ? a as string : null) == $"Mais ações: {itemName}");
        await cut.InvokeAsync(() => menu.Instance.OpenMenuAsync(EventArgs.Empty));
    }

    private async Task ClickMenuItemAsync(IRenderedComponent<IComponent> cut, string itemName, string action)
    {
        await OpenMenuAsync(cut, itemName);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll(".mud-menu-item"), e => e.TextContent.Trim() == action));
        await cut.FindAll(".mud-menu-item").First(e => e.TextContent.Trim() == action).ClickAsync(new());
    }

    [Fact]
    public async Task Buttons_AddDuplicateMoveWrapDelete_ReshapeTheTree_WithLabelledControls()
    {
        var name = C("person.name", SelectionOperator.Contains, "Silva");
        var state = C("person.state", SelectionOperator.Equals, "SC");
        var d = new SelectionDefinition { Root = new SelectionGroup { Children = [name, state] } };
        var cut = Render(d);
        cut.WaitForAssertion(() => Assert.Equal(2, cut.FindAll("[data-testid=sel-condition]").Count));
        Assert.Equal(["Condição 1 do grupo 1", "Condição 2 do grupo 1"], cut.FindAll("[data-testid=sel-condition]").Select(e => e.GetAttribute("aria-label")));

        // move down: the name condition becomes the second
        await ClickLabelled(cut, "Mover para baixo: Condição 1 do grupo 1");
        Assert.Same(state, d.Root.Children[0]);
        Assert.Same(name, d.Root.Children[1]);
        // the first item cannot move up, the last cannot move down
        Assert.True(cut.Find("[aria-label='Mover para cima: Condição 1 do grupo 1']").HasAttribute("disabled"));
        Assert.True(cut.Find("[aria-label='Mover para baixo: Condição 2 do grupo 1']").HasAttribute("disabled"));

        // add a condition and a group (which starts with one empty condition and the other join)
        await ClickLabelled(cut, "Adicionar condição ao Grupo 1");
        await ClickLabelled(cut, "Adicionar grupo dentro do Grupo 1");
        Assert.Equal(4, d.Root.Children.Count);
        var group = Assert.IsType<SelectionGroup>(d.Root.Children[3]);
        Assert.Equal(GroupJoin.Any, group.Join);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=sel-group]"), g => g.GetAttribute("aria-label") == "Grupo 1.4"));
        // a third level: a group inside group 1.4
        await ClickLabelled(cut, "Adicionar grupo dentro do Grupo 1.4");
        Assert.IsType<SelectionGroup>(group.Children[1]);
        cut.WaitForAssertion(() => Assert.Contains(cut.FindAll("[data-testid=sel-condition]"), c => c.GetAttribute("aria-label") == "Condição 1 do grupo 1.4.2"));

        // duplicate (a deep copy with new ids, right after the original)
        await ClickMenuItemAsync(cut, "Condição 1 do grupo 1", "Duplicar");
        var copy = Assert.IsType<SelectionCondition>(d.Root.Children[1]);
        Assert.NotEqual(state.Id, copy.Id);
        Assert.Equal(("person.state", SelectionOperator.Equals, "SC"), (copy.Field, copy.Operator!.Value, copy.Values.Single()));

        // wrap the copy in a group of its own
        await ClickMenuItemAsync(cut, "Condição 2 do grupo 1", "Colocar em um grupo");
        var wrapper = Assert.IsType<SelectionGroup>(d.Root.Children[1]);
        Assert.Same(copy, Assert.Single(wrapper.Children));

        // delete the wrapper group
        var before = d.Root.Children.Count;
        await ClickLabelled(cut, "Excluir: Grupo 1.2");
        Assert.Equal(before - 1, d.Root.Children.Count);
        Assert.DoesNotContain(d.Root.Children, c => c.Id == wrapper.Id);
    }

    [Fact]
    public void MoveTargets_StayInTheSameContext_AndNeverInsideTheItemItself()
    {
        var inner = new SelectionGroup { Children = [C("person.active", SelectionOperator.IsTrue)] };
        var outer = new SelectionGroup { Children = [inner] };
        var ticketCondition = C("ticket.status", SelectionOperator.In, "Open");
        var related = new RelatedCondition { Relation = "tickets", Where = new SelectionGroup { Children = [ticketCondition, new SelectionGroup()] } };
        var loose = C("person.name", SelectionOperator.Contains, "a");
        var root = new SelectionGroup { Children = [outer, related, loose] };

        Assert.Equal(["1.1", "1.1.1"], RuleTree.MoveTargets(root, loose.Id).Select(t => t.Number));
        Assert.Equal(["1.2.2"], RuleTree.MoveTargets(root, ticketCondition.Id).Select(t => t.Number));
        Assert.DoesNotContain(RuleTree.MoveTargets(root, outer.Id), t => t.Group == inner);
        Assert.True(RuleTree.MoveTo(root, loose.Id, inner));
        Assert.Same(loose, inner.Children[^1]);
        Assert.False(RuleTree.MoveTo(root, ticketCondition.Id, root));
    }

    [Theory]
    [InlineData("person.createdAt", "foi há mais de N dias|foi nos últimos N dias|está entre|é antes de", "contém|sim")]
    [InlineData("person.active", "sim|não", "é igual a|contém|está vazio")]
    [InlineData("person.name", "contém|começa com|é um de", "está entre|foi há mais de N dias")]
    [InlineData("receivables.overdueAmount", "é maior que|está entre", "contém|foi há mais de N dias")]
    public async Task OperatorList_FollowsTheFieldsType(string field, string present, string absent)
    {
        var cut = Render(new SelectionDefinition { Root = new SelectionGroup { Children = [C(field, null)] } });
        var select = cut.WaitForComponent<MudSelect<SelectionOperator?>>();

        await cut.InvokeAsync(() => select.Instance.OpenMenu());

        cut.WaitForAssertion(() => Assert.NotEmpty(cut.FindComponents<MudSelectItem<SelectionOperator?>>()));
        var labels = cut.FindComponents<MudSelectItem<SelectionOperator?>>().Select(i => SelectionCatalog.OperatorLabel(i.Instance.Value!.Value)).ToList();
        Assert.All(present.Split('|'), op => Assert.Contains(op, labels));
        Assert.All(absent.Split('|'), op => Assert.DoesNotContain(op, labels));
    }

    [Fact]
    public void ValueEditor_FollowsTheOperator_DaysForRelativeDates_TwoForBetween_NoneForYesNo()
    {
        var cut = Render(new SelectionDefinition
        {
            Root = new SelectionGroup
            {
                Children = [C("person.createdAt", SelectionOperator.MoreThanDaysAgo, "90"), C("purchases.total90", SelectionOperator.Between, "10", "20"), C("person.active", SelectionOperator.IsFalse)],
            },
        });
        cut.WaitForAssertion(() => Assert.Equal(3, cut.FindAll("[data-testid=sel-condition]").Count));
        var rows = cut.FindAll("[data-testid=sel-condition]");

        Assert.Contains("dias", rows[0].TextContent);
        Assert.Equal(2, rows[1].QuerySelectorAll("input[aria-label^='De:'], input[aria-label^='Até:']").Length);
        Assert.Contains("R$", rows[1].TextContent);
        Assert.Empty(rows[2].QuerySelectorAll("[data-testid=sel-value]"));
    }

    [Fact]
    public void IncompleteConditions_AreHighlighted_LeftOutOfTheSentence_AndWarned()
    {
        var complete = C("person.state", SelectionOperator.Equals, "SC");
        var noValue = C("person.city", SelectionOperator.In);
        var noField = C("", null);
        var counts = new ManualCounts();
        var cut = Render(new SelectionDefinition { Root = new SelectionGroup { Children = [complete, noValue, noField] } }, counts);

        Db.Clock.Advance(TimeSpan.FromMilliseconds(400));
        cut.WaitForAssertion(() => Assert.Single(counts.Calls));
        counts.Calls[0].Answer.SetResult(7);

        cut.WaitForAssertion(() => Assert.Equal("7", cut.Find("[data-testid=sel-count]").TextContent.Trim()));
        var rows = cut.FindAll("[data-testid=sel-condition]");
        Assert.False(rows[0].ClassList.Contains("incomplete"));
        Assert.True(rows[1].ClassList.Contains("incomplete"));
        Assert.True(rows[2].ClassList.Contains("incomplete"));
        Assert.Contains("2 condição(ões) incompleta(s)", cut.Find("[data-testid=sel-incomplete-warning]").TextContent);
        var sentence = cut.Find("[data-testid=sel-sentence]").TextContent;
        Assert.Contains("UF é igual a SC", sentence);
        Assert.DoesNotContain("Cidade", sentence);
    }

    [Fact]
    public async Task LiveCount_WaitsForAPause_CancelsTheOlderRequest_AndIgnoresItsLateAnswer()
    {
        var d = new SelectionDefinition { Root = new SelectionGroup { Children = [C("person.state", SelectionOperator.Equals, "SC")] } };
        var counts = new ManualCounts();
        var reported = new List<int>();
        // validation answers at once here: only the count's timing is under test (and the test database has one shared connection)
        var cut = Render(d, counts, r => reported.Add(r.Item2), realValidation: false);

        // two quick changes less than 400 ms apart: nothing is asked yet
        await ClickLabelled(cut, "Adicionar condição ao Grupo 1");
        Db.Clock.Advance(TimeSpan.FromMilliseconds(200));
        await ClickLabelled(cut, "Adicionar condição ao Grupo 1");
        Db.Clock.Advance(TimeSpan.FromMilliseconds(200));
        Assert.Empty(counts.Calls);
        // 400 ms after the last change: one request
        Db.Clock.Advance(TimeSpan.FromMilliseconds(200));
        cut.WaitForAssertion(() => Assert.Single(counts.Calls));

        // a change while it is in flight: the first request is cancelled and a second one follows
        await ClickLabelled(cut, "Excluir: Condição 3 do grupo 1");
        Assert.True(counts.Calls[0].Token.IsCancellationRequested);
        Db.Clock.Advance(TimeSpan.FromMilliseconds(400));
        cut.WaitForAssertion(() => Assert.Equal(2, counts.Calls.Count));

        // answers arrive out of order: the newer (5) shows, the older late one (99) is ignored
        counts.Calls[1].Answer.SetResult(5);
        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("[data-testid=sel-count]").TextContent.Trim()));
        counts.Calls[0].Answer.SetResult(99);
        cut.WaitForAssertion(() => Assert.Equal("5", cut.Find("[data-testid=sel-count]").TextContent.Trim()));
        Assert.Equal([5], reported);
    }
}

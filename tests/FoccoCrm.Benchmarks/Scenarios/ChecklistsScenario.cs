using System.Diagnostics;
using FoccoCrm.Benchmarks.Infrastructure;
using FoccoCrm.Core;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// The checklist designer with a big tree (issue 4: "works smoothly with 300 nodes"): a 300-node draft, then the median of
/// 50 runs (or --runs N) of a move in the pure tree model, of the orphan scan + preview definition + engine evaluation, and of
/// one autosaved designer operation through <see cref="ChecklistDesignService"/> on SQLite (µs / ms).
/// </summary>
public sealed class ChecklistsScenario : IScenario
{
    private const int Nodes = 300;

    public string Name => "checklists";

    public string Description => "300-node checklist tree: model move (µs), orphans+preview+evaluate (µs), autosaved designer operation (ms)";

    public async Task RunAsync(ScenarioContext context, CancellationToken ct)
    {
        var runs = context.Options.Runs > 1 ? context.Options.Runs : 50;
        await using var connection = new SqliteConnection("Data Source=:memory:");
        await connection.OpenAsync(ct);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DemoData:Enabled"] = "false" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFoccoCore(configuration, o => o.UseSqlite(connection));
        await using var sp = services.BuildServiceProvider();
        await sp.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        var admin = new CurrentUser("bench", "bench@x", "Bench", [Roles.Administrator], [], null, null);

        var grouper = await sp.GetRequiredService<CatalogService<QuestionGrouper>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.QuestionGrouper, Code = 1, Description = "Bench" }, ct: ct);
        var type = await sp.GetRequiredService<CatalogService<ChecklistType>>().CreateAsync(admin,
            new CatalogEntryInput { Kind = CatalogKind.ChecklistType, Code = 1, Description = "Bench", Usage = ChecklistUsage.Occurrence }, ct: ct);
        var questions = sp.GetRequiredService<QuestionService>();
        var yesNo = await questions.CreateAsync(admin, new QuestionInput { Text = "Sim ou não?", GrouperId = grouper, Kind = AnswerKind.YesNo }, ct);
        var text = await questions.CreateAsync(admin, new QuestionInput { Text = "Descreva", GrouperId = grouper, Kind = AnswerKind.Text }, ct);
        var yesNoDetail = await questions.GetAsync(admin, yesNo, ct);
        var checklist = await sp.GetRequiredService<ChecklistService>().CreateAsync(admin, new ChecklistInput { Code = "BENCH", Description = "Bench", TypeId = type }, ct);

        var designs = sp.GetRequiredService<ChecklistDesignService>();
        var design = await designs.OpenAsync(admin, checklist, ct);
        var rnd = new Random(2026);
        var parents = new List<Guid>();
        var build = Stopwatch.StartNew();
        for (var i = 0; i < Nodes; i++)
        {
            var isChoice = i % 3 != 2;
            var r = parents.Count == 0 || rnd.Next(5) == 0
                ? await designs.AddRootAsync(admin, design, isChoice ? yesNo : text, ct: ct)
                : await designs.AddFollowUpAsync(admin, design, parents[rnd.Next(parents.Count)], isChoice ? yesNo : text, [yesNoDetail.Options[rnd.Next(2)].Id], ct: ct);
            if (!r.Ok) throw new BenchmarkException("Building the tree failed: " + r.Reason);
            if (isChoice) parents.Add(r.NodeId!.Value);
        }
        Log.Info($"{Nodes} nodes added through the designer service in {Log.Ms(build.Elapsed)}");

        var tree = design.Tree;
        var model = new List<double>();
        var read = new List<double>();
        var saved = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            ct.ThrowIfCancellationRequested();
            var sw = Stopwatch.StartNew();
            var moved = tree.Move(tree.Roots[0].Id, null, null, int.MaxValue);
            model.Add(sw.Elapsed.TotalMicroseconds);
            if (!moved.Ok) throw new BenchmarkException(moved.Reason!);
            tree.Undo();

            sw.Restart();
            var orphans = tree.Orphans();
            var definition = tree.ToDefinition();
            var evaluation = ChecklistEngine.Evaluate(definition, definition.Nodes.Where(n => n.Question.Kind == AnswerKind.YesNo)
                .Select(n => ChecklistAnswer.Options(n.Id, n.Question.Options[0].Id)));
            read.Add(sw.Elapsed.TotalMicroseconds);
            if (orphans.Count != 0 || evaluation.VisibleCount == 0) throw new BenchmarkException("Unexpected tree state.");

            sw.Restart();
            var op = await designs.MoveDownAsync(admin, design, tree.Roots[0].Id, ct);
            saved.Add(sw.Elapsed.TotalMilliseconds);
            if (!op.Ok) throw new BenchmarkException(op.Reason!);
        }
        Log.Result("checklists.model_move_us", Statistics.Median(model), 1);
        Log.Result("checklists.orphans_preview_evaluate_us", Statistics.Median(read), 1);
        Log.Result("checklists.designer_operation_ms", Statistics.Median(saved), 2);
    }
}

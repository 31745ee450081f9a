using System.Diagnostics;
using System.Globalization;
using FoccoCrm.Benchmarks.Infrastructure;
using FoccoCrm.Core;
using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Checklists;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Companies;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Selections;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// Dynamic selections at scale (issue #8 point 8): a synthetic company with 1,000,000 persons, 2,000,000 tickets,
/// 1,000,000 invoices and 500,000 additional-data answers, built once and cached as a SQLite file under
/// $TMPDIR/focco-bench-cache (rebuilt when the migrations change). The nested rule (three groups, two related-data
/// conditions, one additional-data condition) is "customers [in SC or PR with an open Cancelamento ticket and no invoice
/// in the last 90 days] or [whose answer to 'Possui loja física?' is Sim]", counted, previewed and used to generate
/// occurrences through the real <see cref="SelectionService"/>, against the same rule written by hand in SQL.
/// </summary>
public sealed class SelectionScenario : IScenario
{
    public const int DefaultRows = 1_000_000;

    public string Name => "selection";

    public string Description => "dynamic selection on 1M persons / 2M tickets / 1M invoices: count and preview p95 (ms), generate ~100k occurrences (s), vs hand-written SQL";

    public async Task RunAsync(ScenarioContext context, CancellationToken ct)
    {
        var persons = context.Options.Rows ?? DefaultRows;
        var runs = context.Options.Runs > 1 ? context.Options.Runs : 20;
        var cacheDir = Path.Combine(Path.GetTempPath(), "focco-bench-cache");
        Directory.CreateDirectory(cacheDir);
        var dbPath = Path.Combine(cacheDir, $"selection-{persons}.db");
        var connectionString = new SqliteConnectionStringBuilder { DataSource = dbPath, Pooling = true }.ToString();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["DemoData:Enabled"] = "false" }).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddFoccoCore(configuration, o => o.UseSqlite(connectionString));
        await using var provider = services.BuildServiceProvider();

        var migrations = provider.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContext().Database.GetMigrations().Last();
        var marker = dbPath + ".ok";
        var cached = File.Exists(dbPath) && File.Exists(marker) && File.ReadAllText(marker).Trim() == migrations;
        if (!cached)
        {
            foreach (var f in new[] { dbPath, dbPath + "-wal", dbPath + "-shm", marker }) File.Delete(f);
            var watch = Stopwatch.StartNew();
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            await BuildAsync(provider, connectionString, persons, ct);
            File.WriteAllText(marker, migrations);
            Log.Info($"synthetic database built in {Log.Num(watch.Elapsed.TotalSeconds, 1)} s: {dbPath} ({new FileInfo(dbPath).Length / 1_048_576} MB)");
        }
        else
        {
            await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
            Log.Info($"using the cached synthetic database {dbPath} ({new FileInfo(dbPath).Length / 1_048_576} MB)");
        }

        var manager = await provider.GetRequiredService<UserAccessService>().LoadAsync(ManagerId, ct) ?? throw new BenchmarkException("bench manager missing");
        var ids = await IdsAsync(provider, ct);
        var selections = provider.GetRequiredService<SelectionService>();
        await ExecuteAsync(connectionString, CleanupSql, ct);
        var rule = Rule(ids);
        var today = DateOnly.FromDateTime(manager.ToLocal(DateTime.UtcNow));
        var from = today.AddDays(-90).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var todayText = today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var sqlParameters = new (string, object)[] { ("$c", ids.Company), ("$type", ids.Cancelamento), ("$from", from), ("$today", todayText), ("$q", ids.Question), ("$sim", ids.Sim) };

        // count: the service vs the same rule by hand
        var count = await selections.CountAsync(manager, rule, ct);
        var sqlCount = await ScalarAsync(connectionString, "SELECT COUNT(*) FROM Persons p WHERE " + HandWhere, sqlParameters, ct);
        Log.Info($"rule selects {count.ToString("N0", CultureInfo.InvariantCulture)} persons (hand-written SQL: {sqlCount.ToString("N0", CultureInfo.InvariantCulture)})");
        if (count != sqlCount) throw new BenchmarkException($"the service counted {count} but the hand-written SQL {sqlCount}");
        var countTimes = await TimeAsync(runs, () => selections.CountAsync(manager, rule, ct), ct);
        var sqlTimes = await TimeAsync(runs, () => ScalarAsync(connectionString, "SELECT COUNT(*) FROM Persons p WHERE " + HandWhere, sqlParameters, ct), ct);
        var previewTimes = await TimeAsync(runs, () => selections.PreviewAsync(manager, rule, 0, 50, ct), ct);
        Log.Info($"count ms: {Describe(countTimes)}; SQL ms: {Describe(sqlTimes)}; preview ms: {Describe(previewTimes)}");
        Log.Result("selection.count_p95_ms", Statistics.Percentile(countTimes, 95), 1);
        Log.Result("selection.preview_p95_ms", Statistics.Percentile(previewTimes, 95), 1);
        Log.Result("baseline.sql_count_p95_ms", Statistics.Percentile(sqlTimes, 95), 1);

        // generation: three runs each, the database cleaned in between
        var input = new GenerateOccurrencesInput { TypeId = ids.OccurrenceType, ReasonId = ids.OccurrenceReason, Description = "Campanha", OccurredAtUtc = DateTime.UtcNow };
        var generate = new List<double>();
        var baseline = new List<double>();
        for (var i = 0; i < 3; i++)
        {
            var watch = Stopwatch.StartNew();
            var phases = new PhaseClock(watch);
            var run = await selections.GenerateOccurrencesAsync(manager, Guid.NewGuid(), rule, input, count, progress: phases, ct: ct);
            generate.Add(watch.Elapsed.TotalSeconds);
            Log.Info($"generate run {i + 1}: {phases}");
            if (run.CreatedCount != count) throw new BenchmarkException($"generated {run.CreatedCount}, expected {count}");
            await ExecuteAsync(connectionString, CleanupSql, ct);

            watch.Restart();
            var created = await HandGenerateAsync(connectionString, sqlParameters, manager, input, ct);
            baseline.Add(watch.Elapsed.TotalSeconds);
            if (created != count) throw new BenchmarkException($"hand-written generation created {created}, expected {count}");
            await ExecuteAsync(connectionString, CleanupSql, ct);
        }
        Log.Info($"generate s: {string.Join(", ", generate.Select(v => Log.Num(v, 2)))}; SQL s: {string.Join(", ", baseline.Select(v => Log.Num(v, 2)))} ({count} occurrences each)");
        Log.Result("selection.generate_100k_s", Statistics.Median(generate), 2);
        Log.Result("baseline.sql_generate_100k_s", Statistics.Median(baseline), 2);
    }

    /// <summary>When each phase of a run began (reported synchronously by Core), printed as "phase +ms".</summary>
    private sealed class PhaseClock(Stopwatch watch) : IProgress<SelectionRunProgress>
    {
        private readonly List<(string Phase, double Ms)> marks = [];
        public void Report(SelectionRunProgress value) => marks.Add((value.Phase, watch.Elapsed.TotalMilliseconds));
        public override string ToString() => string.Join(", ", marks.Select(m => $"{m.Phase} +{Log.Num(m.Ms, 0)} ms"));
    }

    private static string Describe(IReadOnlyList<double> times) =>
        $"median {Log.Num(Statistics.Median(times), 1)}, p95 {Log.Num(Statistics.Percentile(times, 95), 1)}, max {Log.Num(times.Max(), 1)}";

    private static async Task<double[]> TimeAsync<T>(int runs, Func<Task<T>> action, CancellationToken ct)
    {
        await action(); // warm-up
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            ct.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            await action();
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        return times;
    }

    // ---- the rule, by the builder and by hand ------------------------------------------------------------------------

    private sealed record Ids(int Company, int Cancelamento, int Question, int Sim, int OccurrenceType, int OccurrenceReason);

    private static SelectionDefinition Rule(Ids ids)
    {
        SelectionCondition C(string field, SelectionOperator op, params object[] values) =>
            new() { Field = field, Operator = op, Values = [.. values.Select(v => Convert.ToString(v, CultureInfo.InvariantCulture)!)] };
        return new SelectionDefinition
        {
            Root = new SelectionGroup
            {
                Join = GroupJoin.All,
                Children =
                [
                    C("person.roles", SelectionOperator.In, "Customer"),
                    new SelectionGroup
                    {
                        Join = GroupJoin.Any,
                        Children =
                        [
                            new SelectionGroup
                            {
                                Join = GroupJoin.All,
                                Children =
                                [
                                    C("person.state", SelectionOperator.In, "SC", "PR"),
                                    new RelatedCondition { Relation = "tickets", Mode = RelatedMode.AtLeastOne, Where = new SelectionGroup { Children =
                                        [C("ticket.type", SelectionOperator.In, ids.Cancelamento), C("ticket.status", SelectionOperator.In, "Opened", "InExecution")] } },
                                    new RelatedCondition { Relation = "invoices", Mode = RelatedMode.None, Where = new SelectionGroup { Children =
                                        [C("invoice.issueDate", SelectionOperator.WithinLastDays, 90)] } },
                                ],
                            },
                            C(SelectionCatalog.AnswerKey(ids.Question), SelectionOperator.In, ids.Sim),
                        ],
                    },
                ],
            },
        };
    }

    /// <summary>The same rule as a person would write it in SQL (correlated EXISTS, the obvious form).</summary>
    private const string HandWhere = """
        (p.Roles & 1) <> 0 AND (
            (p.State IN ('SC', 'PR')
             AND EXISTS (SELECT 1 FROM Tickets t WHERE t.CustomerId = p.Id AND t.CompanyId = $c AND t.TypeId = $type AND t.Status IN (0, 1))
             AND NOT EXISTS (SELECT 1 FROM Invoices i WHERE i.CustomerId = p.Id AND i.CompanyId = $c AND i.IssueDate >= $from AND i.IssueDate <= $today))
            OR EXISTS (SELECT 1 FROM ChecklistResponses r JOIN ChecklistResponseAnswers a ON a.ResponseId = r.Id
                       WHERE r.PersonId = p.Id AND a.QuestionId = $q AND a.OptionId = $sim))
        """;

    private static async Task<int> HandGenerateAsync(string connectionString, (string, object)[] parameters, CurrentUser user, GenerateOccurrencesInput input, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var tx = connection.BeginTransaction();
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = $"""
            CREATE TEMP TABLE IF NOT EXISTS HandRun (MaxId INTEGER, MaxNumber INTEGER);
            DELETE FROM HandRun;
            INSERT INTO HandRun SELECT (SELECT COALESCE(MAX(Id), 0) FROM Occurrences), (SELECT COALESCE(MAX(Number), 0) FROM Occurrences WHERE CompanyId = $c);
            INSERT INTO Occurrences (CompanyId, Number, OccurredAtUtc, PersonId, ContactId, TypeId, ReasonId, Description, ResponsibleUserId, Status,
                                     CreatedById, CreatedByName, CreatedAtUtc, UpdatedAtUtc, Version)
            SELECT $c, (SELECT MaxNumber FROM HandRun) + ROW_NUMBER() OVER (ORDER BY p.Id), $at, p.Id, NULL, $otype, $oreason, $desc, $user, 0, $user, $name, $now, $now,
                   hex(randomblob(4)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(2)) || '-' || hex(randomblob(6))
            FROM Persons p WHERE {HandWhere}
            ORDER BY p.Id;
            INSERT INTO OccurrenceHistory (OccurrenceId, AtUtc, UserId, UserName, Field, FromValue, ToValue)
            SELECT Id, $now, $user, $name, 'Created', NULL, CAST(Number AS TEXT) FROM Occurrences WHERE Id > (SELECT MaxId FROM HandRun) AND CompanyId = $c;
            SELECT COUNT(*) FROM Occurrences WHERE Id > (SELECT MaxId FROM HandRun) AND CompanyId = $c;
            """;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        var now = DateTime.UtcNow.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        cmd.Parameters.AddWithValue("$at", input.OccurredAtUtc.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        cmd.Parameters.AddWithValue("$otype", input.TypeId!.Value);
        cmd.Parameters.AddWithValue("$oreason", input.ReasonId!.Value);
        cmd.Parameters.AddWithValue("$desc", input.Description);
        cmd.Parameters.AddWithValue("$user", user.Id);
        cmd.Parameters.AddWithValue("$name", user.FullName);
        cmd.Parameters.AddWithValue("$now", now);
        var created = Convert.ToInt32(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
        await tx.CommitAsync(ct);
        return created;
    }

    private const string CleanupSql = """
        DELETE FROM SelectionRunOccurrences; DELETE FROM SelectionRuns; DELETE FROM OccurrenceHistory; DELETE FROM Occurrences;
        PRAGMA wal_checkpoint(TRUNCATE);
        """;

    private static async Task<long> ScalarAsync(string connectionString, string sql, (string, object)[] parameters, CancellationToken ct)
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value);
        return Convert.ToInt64(await cmd.ExecuteScalarAsync(ct), CultureInfo.InvariantCulture);
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct, SqliteConnection? open = null, SqliteTransaction? tx = null)
    {
        SqliteConnection? own = null;
        var connection = open ?? (own = new SqliteConnection(connectionString));
        try
        {
            if (own is not null) await own.OpenAsync(ct);
            await using var cmd = connection.CreateCommand();
            cmd.Transaction = tx;
            cmd.CommandText = sql;
            cmd.CommandTimeout = 0;
            await cmd.ExecuteNonQueryAsync(ct);
        }
        finally
        {
            if (own is not null) await own.DisposeAsync();
        }
    }

    // ---- the synthetic company ----------------------------------------------------------------------------------------

    private const string ManagerId = "bench-selection-manager";
    private const string AdminId = "bench-selection-admin";

    private static async Task<Ids> IdsAsync(IServiceProvider provider, CancellationToken ct)
    {
        await using var db = await provider.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync(ct);
        var company = await db.Companies.Where(c => c.Code == "01").Select(c => c.Id).SingleAsync(ct);
        var cancelamento = await db.TicketTypes.Where(t => t.Code == 1).Select(t => t.Id).SingleAsync(ct);
        var question = await db.Questions.Where(q => q.Text == "Possui loja física?").Select(q => q.Id).SingleAsync(ct);
        var sim = await db.QuestionOptions.Where(o => o.QuestionId == question && o.Text == "Sim").Select(o => o.Id).SingleAsync(ct);
        var type = await db.OccurrenceTypes.Where(t => t.Code == 1).Select(t => t.Id).SingleAsync(ct);
        var reason = await db.OccurrenceReasons.Where(r => r.TypeId == type).Select(r => r.Id).FirstAsync(ct);
        return new Ids(company, cancelamento, question, sim, type, reason);
    }

    private static readonly (string City, string State)[] Cities =
    [
        ("São Paulo", "SP"), ("Rio de Janeiro", "RJ"), ("Belo Horizonte", "MG"), ("Porto Alegre", "RS"), ("Curitiba", "PR"), ("Salvador", "BA"),
        ("Recife", "PE"), ("Fortaleza", "CE"), ("Brasília", "DF"), ("Goiânia", "GO"), ("Manaus", "AM"), ("Belém", "PA"), ("Florianópolis", "SC"),
        ("Vitória", "ES"), ("Campinas", "SP"), ("Joinville", "SC"), ("Caxias do Sul", "RS"), ("Londrina", "PR"), ("Uberlândia", "MG"),
        ("Ribeirão Preto", "SP"), ("Natal", "RN"), ("João Pessoa", "PB"), ("Maceió", "AL"), ("Cuiabá", "MT"), ("Campo Grande", "MS"),
        ("Teresina", "PI"), ("São Luís", "MA"), ("Aracaju", "SE"), ("Blumenau", "SC"), ("Santos", "SP"),
    ];

    private static async Task BuildAsync(IServiceProvider provider, string connectionString, int persons, CancellationToken ct)
    {
        var now = DateTime.UtcNow;
        int companyId;
        await using (var db = await provider.GetRequiredService<IDbContextFactory<FoccoDbContext>>().CreateDbContextAsync(ct))
        {
            var company = Company.Create(new CompanyInput { Code = "01", Name = "Empresa Sintética", IsActive = true, Cnpj = Cnpj.WithCheckDigits("112223330001") }, now);
            db.Companies.Add(company);
            await db.SaveChangesAsync(ct);
            companyId = company.Id;
        }
        await using (var scope = provider.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            foreach (var (id, email, role) in new[] { (AdminId, "admin@bench.local", Roles.Administrator), (ManagerId, "gestor@bench.local", Roles.Manager) })
            {
                var user = new AppUser { Id = id, UserName = email, Email = email, FullName = email.Split('@')[0], IsActive = true, Companies = [new UserCompany { CompanyId = companyId }] };
                var result = await users.CreateAsync(user, "Benchmark#2026!");
                if (!result.Succeeded) throw new BenchmarkException(string.Join("; ", result.Errors.Select(e => e.Description)));
                await users.AddToRoleAsync(user, role);
            }
        }
        var admin = await provider.GetRequiredService<UserAccessService>().LoadAsync(AdminId, ct) ?? throw new BenchmarkException("admin missing");
        async Task<int> Entry<T>(CatalogKind kind, int code, string description, int? parent = null, ChecklistUsage? usage = null) where T : CatalogEntry, ICatalogEntity<T> =>
            await provider.GetRequiredService<CatalogService<T>>().CreateAsync(admin, new CatalogEntryInput { Kind = kind, Code = code, Description = description, Usage = usage }, parent);
        var ticketTypes = new List<(int Type, int Reason)>();
        foreach (var (code, name) in new[] { (1, "Cancelamento"), (2, "Suporte"), (3, "Troca"), (4, "Reclamação"), (5, "Informação") })
        {
            var type = await Entry<TicketType>(CatalogKind.TicketType, code, name);
            ticketTypes.Add((type, await Entry<TicketReason>(CatalogKind.TicketReason, 1, "Motivo " + name, type)));
        }
        var occurrenceType = await Entry<OccurrenceType>(CatalogKind.OccurrenceType, 1, "Campanha");
        await Entry<OccurrenceReason>(CatalogKind.OccurrenceReason, 1, "Contato ativo", occurrenceType);
        var grouper = await Entry<QuestionGrouper>(CatalogKind.QuestionGrouper, 1, "Cadastro");
        var checklistType = await Entry<ChecklistType>(CatalogKind.ChecklistType, 2, "Cadastro", usage: ChecklistUsage.Registration);
        var questionId = await provider.GetRequiredService<QuestionService>().CreateAsync(admin, new QuestionInput { Text = "Possui loja física?", GrouperId = grouper, Kind = AnswerKind.YesNo });
        var checklists = provider.GetRequiredService<ChecklistService>();
        var checklistId = await checklists.CreateAsync(admin, new ChecklistInput { Code = "PERFIL", Description = "Perfil do cliente", TypeId = checklistType, CompanyIds = [companyId] });
        var design = provider.GetRequiredService<ChecklistDesignService>();
        var opened = await design.OpenAsync(admin, checklistId);
        var added = await design.AddRootAsync(admin, opened, questionId);
        if (!added.Ok) throw new BenchmarkException("checklist design: " + added.Reason);
        var version = await checklists.PublishAsync(admin, checklistId, (await checklists.GetAsync(admin, checklistId)).Version);
        var nodeId = added.NodeId!.Value;
        var question = await provider.GetRequiredService<QuestionService>().GetAsync(admin, questionId);
        var simId = question.Options.First(o => o.Text == "Sim").Id;
        var naoId = question.Options.First(o => o.Text == "Não").Id;

        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connectionString, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct, connection);
        await using var tx = connection.BeginTransaction();
        var tables = new[] { "Persons", "Tickets", "Invoices", "ChecklistResponses", "ChecklistResponseAnswers" };
        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.Transaction = tx;
            cmd.CommandText = $"SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN ({string.Join(", ", tables.Select(t => $"'{t}'"))})";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }
        foreach (var (name, _) in indexes) await ExecuteAsync(connectionString, $"DROP INDEX \"{name}\";", ct, connection, tx);
        await ExecuteAsync(connectionString, PersonListSchema.DropSql, ct, connection, tx);

        var random = new Random(20261127);
        string Stamp(DateTime d) => d.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
        string Version() => Guid.NewGuid().ToString("D").ToUpperInvariant();
        var today = DateOnly.FromDateTime(now);

        // persons: ids 1..N (fresh table)
        await Bulk(connection, tx, """
            INSERT INTO Persons (Id, Type, Roles, IsForeign, Document, Name, Email, Phone, City, State, ZipCode, Country, IsActive, CreatedAtUtc, Version)
            VALUES ($id, 1, $roles, 0, $doc, $name, $email, $phone, $city, $state, $zip, 'Brasil', $active, $created, $version)
            """, persons, (i, p) =>
        {
            var roll = random.Next(100);
            var place = Cities[random.Next(Cities.Length)];
            p["$id"] = i + 1;
            p["$roles"] = (int)(roll < 85 ? PersonRoles.Customer : roll < 92 ? PersonRoles.Customer | PersonRoles.Supplier : roll < 99 ? PersonRoles.Supplier : PersonRoles.Representative);
            p["$doc"] = Cnpj.WithCheckDigits((10_000_000 + i).ToString("D8", CultureInfo.InvariantCulture) + "0001");
            p["$name"] = "Cliente " + i.ToString("D7", CultureInfo.InvariantCulture);
            p["$email"] = $"c{i}@bench.local";
            p["$phone"] = "(47) 3333-" + (i % 10000).ToString("D4", CultureInfo.InvariantCulture);
            p["$city"] = place.City;
            p["$state"] = place.State;
            p["$zip"] = (10_000_000 + random.Next(89_999_999)).ToString(CultureInfo.InvariantCulture);
            p["$active"] = roll % 33 == 0 ? 0 : 1;
            p["$created"] = Stamp(now.AddDays(-random.Next(3650)));
            p["$version"] = Version();
        }, ct);
        Log.Info($"persons inserted ({Log.Num(watch.Elapsed.TotalSeconds, 1)} s)");

        // tickets: 2 per person on average, 20 % Cancelamento, half of them open
        await Bulk(connection, tx, """
            INSERT INTO Tickets (CompanyId, Number, CustomerId, TypeId, ReasonId, Origin, Situation, Priority, Status, ScheduledCallback, OpenedAtUtc, OpenedById,
                                 ClosedAtUtc, UpdatedAtUtc, UpdatedById, UpdatedByName, Version)
            VALUES ($c, $n, $customer, $type, $reason, $origin, 'Situação', 1, $status, 0, $opened, $by, $closed, $opened, $by, 'gestor', $version)
            """, persons * 2, (i, p) =>
        {
            var (type, reason) = ticketTypes[random.Next(100) < 20 ? 0 : 1 + random.Next(4)];
            var status = random.Next(4);
            var opened = now.AddDays(-random.Next(1000));
            p["$c"] = companyId; p["$n"] = i + 1; p["$customer"] = 1 + random.Next(persons); p["$type"] = type; p["$reason"] = reason;
            p["$origin"] = random.Next(2); p["$status"] = status; p["$opened"] = Stamp(opened); p["$by"] = ManagerId;
            p["$closed"] = status >= 2 ? Stamp(opened.AddDays(2)) : DBNull.Value; p["$version"] = Version();
        }, ct);
        Log.Info($"tickets inserted ({Log.Num(watch.Elapsed.TotalSeconds, 1)} s)");

        // invoices: 1 per person on average over three years
        await Bulk(connection, tx, """
            INSERT INTO Invoices (CompanyId, ExternalCode, CustomerId, IssueDate, Total, Number, Series, Version)
            VALUES ($c, $code, $customer, $date, $total, $n, '1', $version)
            """, persons, (i, p) =>
        {
            p["$c"] = companyId; p["$code"] = "NF" + i.ToString(CultureInfo.InvariantCulture); p["$customer"] = 1 + random.Next(persons);
            p["$date"] = today.AddDays(-random.Next(1095)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
            p["$total"] = 1_000 + random.Next(1_000_000); p["$n"] = i + 1; p["$version"] = Version();
        }, ct);
        Log.Info($"invoices inserted ({Log.Num(watch.Elapsed.TotalSeconds, 1)} s)");

        // additional data: half of the persons answered "Possui loja física?" (16 % of them Sim)
        var stamp = Stamp(now);
        await Bulk(connection, tx, """
            INSERT INTO ChecklistResponses (Id, ChecklistId, ChecklistVersionId, Subject, PersonId, CompanyId, CreatedAtUtc, UpdatedAtUtc, UpdatedById, UpdatedByName, Version)
            VALUES ($id, $checklist, $version, 'Person', $person, $c, $now, $now, $by, 'admin', $v)
            """, persons / 2, (i, p) =>
        {
            p["$id"] = i + 1; p["$checklist"] = checklistId; p["$version"] = version.Id; p["$person"] = 2 * i + 1; p["$c"] = companyId; p["$now"] = stamp;
            p["$by"] = AdminId; p["$v"] = Version();
        }, ct);
        var node = nodeId.ToString("D").ToUpperInvariant();
        await Bulk(connection, tx, """
            INSERT INTO ChecklistResponseAnswers (ResponseId, NodeId, QuestionId, QuestionText, Kind, OptionId, OptionText)
            VALUES ($response, $node, $q, 'Possui loja física?', 'YesNo', $option, $text)
            """, persons / 2, (i, p) =>
        {
            var sim = random.Next(100) < 16;
            p["$response"] = i + 1; p["$node"] = node; p["$q"] = questionId; p["$option"] = sim ? simId : naoId; p["$text"] = sim ? "Sim" : "Não";
        }, ct);
        Log.Info($"additional data inserted ({Log.Num(watch.Elapsed.TotalSeconds, 1)} s); rebuilding {indexes.Count} indexes");

        foreach (var (_, sql) in indexes) await ExecuteAsync(connectionString, sql + ";", ct, connection, tx);
        await ExecuteAsync(connectionString, PersonListSchema.CreateSql, ct, connection, tx);
        await ExecuteAsync(connectionString, PersonListSchema.RebuildSql, ct, connection, tx);
        await ExecuteAsync(connectionString, $"INSERT OR REPLACE INTO TicketCounters (CompanyId, Last) VALUES ({companyId}, {persons * 2});", ct, connection, tx);
        await tx.CommitAsync(ct);
        await ExecuteAsync(connectionString, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", ct, connection);
        Log.Info($"bulk load done in {Log.Num(watch.Elapsed.TotalSeconds, 1)} s");
    }

    private static async Task Bulk(SqliteConnection connection, SqliteTransaction tx, string sql, int rows, Action<int, Values> fill, CancellationToken ct)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        foreach (System.Text.RegularExpressions.Match m in System.Text.RegularExpressions.Regex.Matches(sql, @"\$\w+"))
            if (!cmd.Parameters.Contains(m.Value)) cmd.Parameters.Add(new SqliteParameter(m.Value, null));
        cmd.Prepare();
        var values = new Values(cmd.Parameters);
        for (var i = 0; i < rows; i++)
        {
            if (i % 100_000 == 0) ct.ThrowIfCancellationRequested();
            fill(i, values);
            await cmd.ExecuteNonQueryAsync(ct);
        }
    }

    private sealed class Values(SqliteParameterCollection parameters)
    {
        public object this[string name] { set => parameters[name].Value = value; }
    }
}

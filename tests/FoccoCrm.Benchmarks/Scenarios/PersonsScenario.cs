using System.Data.Common;
using System.Diagnostics;
using System.Globalization;
using FoccoCrm.Benchmarks.Infrastructure;
using FoccoCrm.Core;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// The persons list at scale (issue point 10): a migrated SQLite file with 1,000,000 persons, read through the real
/// <see cref="PersonService.ListAsync"/> (count + page) as an administrator. Each measurement is warmed once, then the
/// median of 5 runs (or --runs N when N &gt; 1) is reported in ms. Then persons.import_100k_s (see
/// <see cref="PersonsImportBenchmark"/>), after the list measurements and before the query plans.
/// </summary>
public sealed class PersonsScenario : IScenario
{
    public const int DefaultRows = 1_000_000;
    private const string SearchText = "Silva";

    public string Name => "persons";

    public string Description => "persons list on 1M rows: first page, deep page and search (ms); import of 100k persons from CSV (s)";

    public async Task RunAsync(ScenarioContext context, CancellationToken ct)
    {
        var rows = context.Options.Rows ?? DefaultRows;
        var runs = context.Options.Runs > 1 ? context.Options.Runs : 5;
        var contentRoot = context.Workspace.CreateEmptyFolder("persons");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Path"] = "data/foccocrm.db",
            ["DemoData:Enabled"] = "false",
        }).Build();
        var connectionString = DatabaseOptions.ResolveConnectionString(null, "data/foccocrm.db", contentRoot);
        DatabaseOptions.EnsureDirectory(connectionString);

        // Same registration as AddFoccoCore(configuration, contentRoot), plus a pass-through interceptor that can
        // record the SQL EF sends (used only for the query plans, outside the timed runs).
        var capture = new CommandCapture();
        var services = new ServiceCollection().AddLogging();
        services.AddFoccoCore(configuration, o => o.UseSqlite(connectionString).AddInterceptors(capture));
        await using var provider = services.BuildServiceProvider();

        await provider.GetRequiredService<DatabaseInitializer>().InitializeAsync(ct);
        Log.Info($"database migrated: {new SqliteConnectionStringBuilder(connectionString).DataSource}");

        var seedTime = await SeedAsync(connectionString, rows, ct);
        Log.Info($"seeded {rows.ToString("N0", CultureInfo.InvariantCulture)} persons in {Log.Num(seedTime.TotalSeconds, 1)} s " +
                 $"({Log.Num(rows / seedTime.TotalSeconds, 0)} rows/s, incl. index rebuild and ANALYZE)");

        var persons = provider.GetRequiredService<PersonService>();
        var admin = new CurrentUser("bench-admin", "admin@bench.local", "Bench Admin", [Roles.Administrator], [], null, null);

        var firstPage = new PersonQuery { Skip = 0, Take = 25 };
        var total = (await persons.ListAsync(admin, firstPage, ct)).TotalCount;
        if (total < 50) throw new BenchmarkException($"only {total} active persons were listed; the seed did not work");
        var deepPage = new PersonQuery { Skip = total - 50, Take = 25 };
        var middlePage = new PersonQuery { Skip = total / 2 - 25, Take = 25 };
        var search = new PersonQuery { Search = SearchText, Skip = 0, Take = 25 };
        Log.Info($"active persons listed: {total.ToString("N0", CultureInfo.InvariantCulture)}; deep page skips {deepPage.Skip}; search '{SearchText}'");

        var measurements = new (string Metric, PersonQuery Query)[]
        {
            ("persons.page_first_ms", firstPage),
            ("persons.page_deep_ms", deepPage),
            ("persons.page_middle_ms", middlePage),
            ("persons.search_ms", search),
        };
        foreach (var (metric, query) in measurements)
        {
            var (median, all, found) = await MeasureAsync(persons, admin, query, runs, ct);
            Log.Info($"{metric}: runs {string.Join(", ", all.Select(v => Log.Num(v, 1)))} ms; {found.Items.Count} rows of {found.TotalCount}");
            Log.Result(metric, median, 1);
        }
        await PersonsImportBenchmark.RunAsync(provider, contentRoot, ct);

        // The other sorts of the list (not targets of their own; printed so a regression shows).
        foreach (var sort in new[] { PersonSort.City, PersonSort.Document })
            foreach (var (label, skip) in new[] { ("first", 0), ("middle", total / 2 - 25), ("deep", total - 50) })
            {
                var (median, _, _) = await MeasureAsync(persons, admin, new PersonQuery { Sort = sort, Skip = skip, Take = 25 }, runs, ct);
                Log.Info($"sort by {sort}, {label} page: {Log.Num(median, 1)} ms");
            }
        foreach (var (label, role) in new[] { ("suppliers", PersonRoles.Supplier), ("representatives", PersonRoles.Representative) })
        {
            var count = (await persons.ListAsync(admin, new PersonQuery { Role = role }, ct)).TotalCount;
            var (median, _, _) = await MeasureAsync(persons, admin, new PersonQuery { Role = role, Skip = count / 2, Take = 25 }, runs, ct);
            Log.Info($"{label} ({count}), middle page: {Log.Num(median, 1)} ms");
        }

        foreach (var (metric, query) in measurements)
            await LogQueryPlansAsync(metric, persons, admin, query, capture, connectionString, ct);
    }

    private static async Task<(double Median, double[] Runs, PagedResult<PersonRow> Last)> MeasureAsync(
        PersonService persons, CurrentUser user, PersonQuery query, int runs, CancellationToken ct)
    {
        var last = await persons.ListAsync(user, query, ct); // warm-up
        var times = new double[runs];
        for (var i = 0; i < runs; i++)
        {
            ct.ThrowIfCancellationRequested();
            var watch = Stopwatch.StartNew();
            last = await persons.ListAsync(user, query, ct);
            times[i] = watch.Elapsed.TotalMilliseconds;
        }
        return (Statistics.Median(times), times, last);
    }

    /// <summary>Runs the query once more with the capture on and prints EXPLAIN QUERY PLAN of each SQL command EF sent.</summary>
    private static async Task LogQueryPlansAsync(string metric, PersonService persons, CurrentUser user, PersonQuery query,
        CommandCapture capture, string connectionString, CancellationToken ct)
    {
        capture.Start();
        await persons.ListAsync(user, query, ct);
        var commands = capture.Stop();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        foreach (var (sql, parameters) in commands)
        {
            if (sql.StartsWith("PRAGMA", StringComparison.OrdinalIgnoreCase)) continue;
            await using var cmd = connection.CreateCommand();
            cmd.CommandText = "EXPLAIN QUERY PLAN " + sql;
            foreach (var (name, value) in parameters) cmd.Parameters.AddWithValue(name, value ?? DBNull.Value);
            var plan = new List<string>();
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct)) plan.Add(reader.GetString(3));
            Log.Info($"{metric} SQL: {string.Join(' ', sql.Split('\n', StringSplitOptions.TrimEntries))}");
            Log.Info($"{metric} plan: {string.Join(" | ", plan)}");
        }
    }

    // ---- seeding ------------------------------------------------------------------------------------------------

    private static readonly string[] FirstNames =
    [
        "Ana", "Maria", "José", "João", "Antônio", "Francisco", "Carlos", "Paulo", "Pedro", "Lucas", "Luiz", "Marcos",
        "Luís", "Gabriel", "Rafael", "Daniel", "Marcelo", "Bruno", "Eduardo", "Felipe", "Juliana", "Fernanda", "Patrícia",
        "Aline", "Adriana", "Camila", "Amanda", "Bruna", "Jéssica", "Letícia", "Júlia", "Luciana", "Vanessa", "Mariana",
        "Beatriz", "Larissa", "Rodrigo", "Thiago", "Gustavo", "Renata",
    ];

    private static readonly string[] Surnames =
    [
        "Silva", "Santos", "Oliveira", "Souza", "Rodrigues", "Ferreira", "Alves", "Pereira", "Lima", "Gomes", "Costa",
        "Ribeiro", "Martins", "Carvalho", "Almeida", "Lopes", "Soares", "Fernandes", "Vieira", "Barbosa", "Rocha", "Dias",
        "Nascimento", "Andrade", "Moreira", "Nunes", "Marques", "Machado", "Mendes", "Freitas", "Cardoso", "Ramos",
        "Gonçalves", "Santana", "Teixeira", "Araújo", "Pinto", "Correia", "Moura", "Cavalcanti",
    ];

    private static readonly string[] Businesses =
    [
        "Comércio", "Distribuidora", "Serviços", "Transportes", "Indústria", "Atacado", "Materiais", "Engenharia",
        "Alimentos", "Tecnologia", "Consultoria", "Representações",
    ];

    private static readonly string[] Suffixes = ["Ltda", "ME", "EIRELI", "S.A.", "Ltda EPP"];

    private static readonly (string City, string State, string Zip)[] Cities =
    [
        ("São Paulo", "SP", "01310"), ("Rio de Janeiro", "RJ", "20040"), ("Belo Horizonte", "MG", "30130"),
        ("Porto Alegre", "RS", "90010"), ("Curitiba", "PR", "80010"), ("Salvador", "BA", "40020"), ("Recife", "PE", "50030"),
        ("Fortaleza", "CE", "60060"), ("Brasília", "DF", "70040"), ("Goiânia", "GO", "74003"), ("Manaus", "AM", "69005"),
        ("Belém", "PA", "66010"), ("Florianópolis", "SC", "88010"), ("Vitória", "ES", "29010"), ("Campinas", "SP", "13010"),
        ("Joinville", "SC", "89201"), ("Caxias do Sul", "RS", "95020"), ("Londrina", "PR", "86010"), ("Uberlândia", "MG", "38400"),
        ("Ribeirão Preto", "SP", "14010"), ("Natal", "RN", "59012"), ("João Pessoa", "PB", "58010"), ("Maceió", "AL", "57020"),
        ("Cuiabá", "MT", "78005"), ("Campo Grande", "MS", "79002"), ("Teresina", "PI", "64000"), ("São Luís", "MA", "65010"),
        ("Aracaju", "SE", "49010"), ("Blumenau", "SC", "89010"), ("Santos", "SP", "11010"),
    ];

    private static readonly string[] Streets =
    [
        "Rua das Flores", "Avenida Brasil", "Rua XV de Novembro", "Avenida Paulista", "Rua São José", "Rua Sete de Setembro",
        "Avenida Getúlio Vargas", "Rua Dom Pedro II", "Rua Tiradentes", "Avenida Independência",
    ];

    private static readonly string[] Districts = ["Centro", "Jardim América", "Vila Nova", "Boa Vista", "Santa Cruz", "Industrial"];

    private const string InsertSql = """
        INSERT INTO Persons (Type, Roles, IsForeign, Document, Name, TradeName, Email, SecondaryEmail, Phone, Mobile,
            Street, Number, Complement, District, City, State, ZipCode, Country, ExternalCode, IsActive, CreatedAtUtc, Version)
        VALUES ($type, $roles, 0, $document, $name, $tradeName, $email, NULL, $phone, $mobile,
            $street, $number, NULL, $district, $city, $state, $zip, 'Brasil', NULL, $active, $created, $version)
        """;

    /// <summary>
    /// Inserts <paramref name="rows"/> legal persons with raw ADO.NET in one transaction (one prepared INSERT whose
    /// parameters are reused). The Persons indexes, search index and triggers are dropped first and
    /// recreated from their own SQL afterwards (bulk build), so the final schema is exactly the migrated one. Ends with ANALYZE.
    /// </summary>
    private static async Task<TimeSpan> SeedAsync(string connectionString, int rows, CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(ct);
        await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF; PRAGMA cache_size=-262144; PRAGMA temp_store=MEMORY;", ct);

        var indexes = new List<(string Name, string Sql)>();
        await using (var cmd = connection.CreateCommand())
        {
            cmd.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = 'Persons' AND sql IS NOT NULL";
            await using var reader = await cmd.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct)) indexes.Add((reader.GetString(0), reader.GetString(1)));
        }

        await using (var tx = connection.BeginTransaction())
        {
            foreach (var (name, _) in indexes) await ExecuteAsync(connection, $"DROP INDEX \"{name}\";", ct, tx);
            // Bulk load with the search index and count triggers off; rebuilt in one pass below (as after a restore).
            await ExecuteAsync(connection, PersonListSchema.DropSql, ct, tx);

            await using var insert = connection.CreateCommand();
            insert.Transaction = tx;
            insert.CommandText = InsertSql;
            SqliteParameter P(string name) => insert.Parameters.Add(new SqliteParameter(name, null));
            var type = P("$type"); var roles = P("$roles"); var document = P("$document"); var name_ = P("$name");
            var tradeName = P("$tradeName"); var email = P("$email"); var phone = P("$phone"); var mobile = P("$mobile");
            var street = P("$street"); var number = P("$number"); var district = P("$district"); var city = P("$city");
            var state = P("$state"); var zip = P("$zip"); var active = P("$active"); var created = P("$created");
            var version = P("$version");
            insert.Prepare();

            var random = new Random(20261127);
            var start = new DateTime(2015, 1, 1, 0, 0, 0, DateTimeKind.Utc);
            for (var i = 0; i < rows; i++)
            {
                if (i % 100_000 == 0) ct.ThrowIfCancellationRequested();
                var s1 = Surnames[random.Next(Surnames.Length)];
                var s2 = Surnames[random.Next(Surnames.Length)];
                var first = FirstNames[random.Next(FirstNames.Length)];
                var business = Businesses[random.Next(Businesses.Length)];
                var place = Cities[random.Next(Cities.Length)];
                var roll = random.Next(100);

                type.Value = (int)PersonType.Legal;
                roles.Value = (int)(roll switch
                {
                    < 85 => PersonRoles.Customer,
                    < 92 => PersonRoles.Customer | PersonRoles.Supplier,
                    < 97 => PersonRoles.Supplier,
                    < 99 => PersonRoles.Consumer,
                    _ => PersonRoles.Representative,
                });
                // Unique: sequential 8-digit roots + branch 0001, completed with the real check digits.
                document.Value = Cnpj.WithCheckDigits((10_000_000 + i).ToString("D8", CultureInfo.InvariantCulture) + "0001");
                name_.Value = $"{first} {s1} {s2} {business} {Suffixes[random.Next(Suffixes.Length)]}";
                tradeName.Value = random.Next(3) == 0 ? DBNull.Value : $"{business} {s1}";
                email.Value = $"contato{i.ToString(CultureInfo.InvariantCulture)}@{Ascii(s1)}{Ascii(s2)}.com.br";
                phone.Value = $"({10 + random.Next(89)}) 3{random.Next(1000, 9999)}-{random.Next(1000, 9999)}";
                mobile.Value = random.Next(2) == 0 ? DBNull.Value : $"({10 + random.Next(89)}) 9{random.Next(1000, 9999)}-{random.Next(1000, 9999)}";
                street.Value = Streets[random.Next(Streets.Length)];
                number.Value = random.Next(1, 3000).ToString(CultureInfo.InvariantCulture);
                district.Value = Districts[random.Next(Districts.Length)];
                city.Value = place.City;
                state.Value = place.State;
                zip.Value = place.Zip + random.Next(0, 1000).ToString("D3", CultureInfo.InvariantCulture);
                active.Value = roll % 33 == 0 ? 0 : 1; // ~3 % inactive
                // EF Core's SQLite formats: DateTime "yyyy-MM-dd HH:mm:ss.FFFFFFF", Guid upper-case "D".
                created.Value = start.AddMinutes(random.Next(0, 6_000_000)).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture);
                version.Value = Guid.NewGuid().ToString("D").ToUpperInvariant();
                await insert.ExecuteNonQueryAsync(ct);
            }
            Log.Info($"inserted {rows.ToString("N0", CultureInfo.InvariantCulture)} rows in {Log.Num(watch.Elapsed.TotalSeconds, 1)} s; rebuilding {indexes.Count} indexes");

            foreach (var (_, sql) in indexes) await ExecuteAsync(connection, sql + ";", ct, tx);
            await ExecuteAsync(connection, PersonListSchema.CreateSql, ct, tx);
            await ExecuteAsync(connection, PersonListSchema.RebuildSql, ct, tx);
            await tx.CommitAsync(ct);
        }
        await ExecuteAsync(connection, "ANALYZE; PRAGMA wal_checkpoint(TRUNCATE);", ct);
        return watch.Elapsed;
    }

    private static string Ascii(string text) =>
        new(text.Normalize(System.Text.NormalizationForm.FormD).Where(char.IsAsciiLetter).Select(char.ToLowerInvariant).ToArray());

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct, SqliteTransaction? tx = null)
    {
        await using var cmd = connection.CreateCommand();
        cmd.Transaction = tx;
        cmd.CommandText = sql;
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Records the SQL and parameters of commands while started; otherwise does nothing.</summary>
    private sealed class CommandCapture : DbCommandInterceptor
    {
        private readonly List<(string Sql, List<(string Name, object? Value)> Parameters)> _commands = [];
        private volatile bool _on;

        public void Start()
        {
            lock (_commands) _commands.Clear();
            _on = true;
        }

        public List<(string Sql, List<(string Name, object? Value)> Parameters)> Stop()
        {
            _on = false;
            lock (_commands) return [.. _commands];
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
            InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Record(command);
            return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
        }

        private void Record(DbCommand command)
        {
            if (!_on) return;
            var parameters = command.Parameters.Cast<DbParameter>().Select(p => (p.ParameterName, (object?)p.Value)).ToList();
            lock (_commands) _commands.Add((command.CommandText, parameters));
        }
    }
}

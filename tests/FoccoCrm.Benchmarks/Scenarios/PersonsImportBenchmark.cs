using System.Diagnostics;
using System.Globalization;
using System.Text;
using FoccoCrm.Benchmarks.Infrastructure;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using FoccoCrm.Core.Persons;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// persons.import_100k_s: a 100,000-row persons CSV (';', UTF-8 with BOM, formatted CNPJs/CPFs with valid check digits,
/// new ERP codes) imported through the real engine (<see cref="ImportService.ReadAsync"/> → auto-mapping →
/// <see cref="PersonImportTarget.CommitAsync"/>: parse, validate every row, one transaction) into the scenario's database.
/// One run: the import changes the database, so a second run would measure updates instead.
/// </summary>
public static class PersonsImportBenchmark
{
    public const int Rows = 100_000;

    public static async Task RunAsync(IServiceProvider provider, string folder, CancellationToken ct)
    {
        var path = Path.Combine(folder, "persons-100k.csv");
        await File.WriteAllBytesAsync(path, GenerateCsv(Rows), ct);
        Log.Info($"import file: {new FileInfo(path).Length / 1024 / 1024} MB, {Rows.ToString("N0", CultureInfo.InvariantCulture)} rows");

        var target = provider.GetRequiredService<PersonImportTarget>();
        var admin = new CurrentUser("bench-admin", "admin@bench.local", "Bench Admin", [Roles.Administrator], [], null, null);

        var watch = Stopwatch.StartNew();
        ImportTable table;
        await using (var file = File.OpenRead(path)) table = await ImportService.ReadAsync(file, path, ct);
        var read = watch.Elapsed;
        var mapping = ImportService.AutoMap(target, table.Headers);
        var stages = new StageTimes(watch);
        var outcome = await target.CommitAsync(admin, table, mapping, stages, ct);
        var total = watch.Elapsed;
        Log.Info($"import stages (s from start): {stages}");

        if (!outcome.Written || outcome.Inserted != Rows)
            throw new BenchmarkException($"import did not write {Rows} rows: inserted {outcome.Inserted}, errors {outcome.Errors.Count}" +
                (outcome.Errors.Count > 0 ? $" (first: line {outcome.Errors[0].Line} {outcome.Errors[0].Field}: {outcome.Errors[0].Message})" : ""));
        Log.Info($"persons.import_100k_s: read {Log.Num(read.TotalSeconds, 2)} s, validate + commit {Log.Num((total - read).TotalSeconds, 2)} s; {mapping.Count} columns mapped");
        Log.Result("persons.import_100k_s", total.TotalSeconds, 2);
    }

    /// <summary>Two thirds companies (CNPJ), one third individuals (CPF); roots far from the seeded ones, so every row is new.</summary>
    public static byte[] GenerateCsv(int rows)
    {
        var random = new Random(20261128);
        string[] cities = ["Joinville;SC;89201", "Curitiba;PR;80010", "São Paulo;SP;01310", "Porto Alegre;RS;90010", "Belo Horizonte;MG;30130"];
        string[] names = ["Silva", "Santos", "Oliveira", "Souza", "Pereira", "Almeida", "Araújo", "Gonçalves"];
        var sb = new StringBuilder(rows * 200);
        sb.Append("Código;Razão social;Nome fantasia;CNPJ/CPF;Papéis;E-mail;Telefone;Endereço;Número;Bairro;Cidade;UF;CEP;Ativo\r\n");
        for (var i = 0; i < rows; i++)
        {
            var individual = i % 3 == 2;
            var surname = names[random.Next(names.Length)];
            var document = individual
                ? Cpf.Format(Cpf.WithCheckDigits((400_000_000 + i).ToString("D9", CultureInfo.InvariantCulture)))
                : Cnpj.Format(Cnpj.WithCheckDigits((50_000_000 + i).ToString("D8", CultureInfo.InvariantCulture) + "0001"));
            var name = individual ? $"Maria {surname} {i}" : $"{surname} Comércio {i} Ltda";
            var roles = individual ? "Consumidor" : i % 10 == 0 ? "Cliente, Fornecedor" : "Cliente";
            var city = cities[random.Next(cities.Length)];
            sb.Append(CultureInfo.InvariantCulture, $"IMP{i:D6};{name};{(individual ? "" : surname + " " + i)};{document};\"{roles}\";contato{i}@exemplo.com.br;(47) 3{random.Next(100, 999)}-{random.Next(1000, 9999)};Rua das Flores;{random.Next(1, 3000)};Centro;");
            var parts = city.Split(';');
            sb.Append(CultureInfo.InvariantCulture, $"{parts[0]};{parts[1]};{parts[2]}-{random.Next(0, 999):D3};S\r\n");
        }
        return [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(sb.ToString())];
    }

    /// <summary>When each stage was first and last reported (synchronously, unlike Progress&lt;T&gt;).</summary>
    private sealed class StageTimes(Stopwatch watch) : IProgress<ImportProgress>
    {
        private readonly Dictionary<ImportStage, (double First, double Last)> _times = [];

        public void Report(ImportProgress value)
        {
            var now = watch.Elapsed.TotalSeconds;
            _times[value.Stage] = _times.TryGetValue(value.Stage, out var t) ? (t.First, now) : (now, now);
        }

        public override string ToString() => string.Join(", ", _times.Select(kv => $"{kv.Key} {Log.Num(kv.Value.First, 2)}–{Log.Num(kv.Value.Last, 2)}"));
    }
}

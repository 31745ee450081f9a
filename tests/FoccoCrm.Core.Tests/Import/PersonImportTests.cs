using System.Text;
using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using FoccoCrm.Core.Persons;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace FoccoCrm.Core.Tests.Import;

public sealed class PersonImportTests : DbTest
{
    private PersonImportTarget Target => t.Get<PersonImportTarget>();

    internal static string CnpjOf(int n) => Cnpj.Format(Cnpj.WithCheckDigits((20_000_000 + n).ToString("D8") + "0001"));
    internal static string CpfOf(int n) => Cpf.Format(Cpf.WithCheckDigits((300_000_000 + n).ToString("D9")));

    private async Task<CurrentUser> ManagerAsync() => await t.UserAsync("gestor@x.test", Roles.Manager, await t.CompanyAsync("01"));

    internal static ImportTable Csv(string text, Encoding? encoding = null) =>
        ImportReader.ReadCsv((encoding ?? Encoding.UTF8).GetBytes(text), "pessoas.csv");

    private static Dictionary<string, int> Map(IImportTarget target, ImportTable table) => ImportService.AutoMap(target, table.Headers);

    private async Task<int> CountPersonsAsync()
    {
        await using var db = await t.DbAsync();
        return await db.Persons.CountAsync();
    }

    private async Task<DateTime> CreatedAtAsync(int id)
    {
        await using var db = await t.DbAsync();
        return await db.Persons.Where(p => p.Id == id).Select(p => p.CreatedAtUtc).SingleAsync();
    }

    [Fact]
    public async Task FileWithBadRows_WritesNothing_AndNamesLineAndField()
    {
        var user = await ManagerAsync();
        var table = Csv($"""
            Código;Razão social;CNPJ/CPF;UF;CEP
            C1;Alfa Comércio Ltda;{CnpjOf(1)};SC;89201-000
            C2;Beta Serviços;12.345.678/0001-00;SC;89201-000
            C3;;{CnpjOf(3)};XX;123
            C4;Delta ME;{CnpjOf(4)};PR;80010-000
            """);

        var outcome = await Target.CommitAsync(user, table, Map(Target, table));

        Assert.False(outcome.Written);
        Assert.Equal(0, await CountPersonsAsync());
        Assert.Contains(outcome.Errors, e => e is { Line: 3, Field: nameof(PersonInput.Document) });
        Assert.Contains(outcome.Errors, e => e is { Line: 4, Field: nameof(PersonInput.Name) });
        Assert.Contains(outcome.Errors, e => e is { Line: 4, Field: nameof(PersonInput.State) });
        Assert.DoesNotContain(outcome.Errors, e => e.Line is 2 or 5);
        Assert.All(outcome.Errors, e => Assert.False(string.IsNullOrWhiteSpace(e.Message)));
    }

    [Fact]
    public async Task GoodFile_WritesEveryRow_WithTypesRolesAndAddress()
    {
        var user = await ManagerAsync();
        var table = Csv($"""
            Código,Razão social,Nome fantasia,CNPJ/CPF,Papéis,Cidade,UF,CEP,Ativo
            C1,Alfa Comércio Ltda,Alfa,{CnpjOf(1).Replace(",", "")},"Cliente, Fornecedor",Joinville,sc,89201-000,S
            C2,João da Silva,,{CpfOf(2)},Consumidor,Curitiba,PR,80010000,N
            """);

        var check = await Target.ValidateAsync(user, table, Map(Target, table));
        Assert.True(check.IsValid, string.Join("; ", check.Errors));
        Assert.Equal((2, 2, 0, false), (check.Rows, check.Inserted, check.Updated, check.Written));
        Assert.Equal(0, await CountPersonsAsync()); // validation writes nothing

        var outcome = await Target.CommitAsync(user, table, Map(Target, table));
        Assert.True(outcome.Written);
        await using var db = await t.DbAsync();
        var alfa = await db.Persons.SingleAsync(p => p.ExternalCode == "C1");
        Assert.Equal((PersonType.Legal, PersonRoles.Customer | PersonRoles.Supplier, "Alfa", "SC", "89201000", true),
            (alfa.Type, alfa.Roles, alfa.TradeName, alfa.State, alfa.ZipCode, alfa.IsActive));
        var joao = await db.Persons.SingleAsync(p => p.ExternalCode == "C2");
        Assert.Equal((PersonType.Individual, PersonRoles.Consumer, false), (joao.Type, joao.Roles, joao.IsActive));
    }

    [Fact]
    public async Task KnownCode_IsUpdated_AndUnmappedColumnsKeepTheirValues()
    {
        var user = await ManagerAsync();
        var id = await t.Get<PersonService>().CreateAsync(user, new PersonInput
        {
            Name = "Antigo Nome", Document = CnpjOf(1), ExternalCode = "C1", City = "Joinville", State = "SC",
            Roles = PersonRoles.Customer | PersonRoles.Representative,
        });
        var before = await t.Get<PersonService>().GetAsync(user, id);
        var table = Csv($"""
            Código;Razão social;Papéis;CNPJ
            C1;Novo Nome Ltda;Fornecedor;{CnpjOf(1)}
            C2;Outra Ltda;Cliente;{CnpjOf(2)}
            """);

        var outcome = await Target.CommitAsync(user, table, Map(Target, table));

        Assert.Equal((1, 1, true), (outcome.Inserted, outcome.Updated, outcome.Written));
        var p = await t.Get<PersonService>().GetAsync(user, id);
        Assert.Equal(("Novo Nome Ltda", PersonRoles.Supplier, "Joinville", "SC"), (p.Name, p.Roles, p.City, p.State));
        Assert.Equal(Cnpj.Normalize(CnpjOf(1)), p.Document);

        // The bulk writer stamped a new version in EF's format: the old one conflicts, the new one saves.
        await Assert.ThrowsAsync<ConcurrencyConflictException>(() => t.Get<PersonService>().UpdateAsync(user, id, p.ToInput(), before.Version));
        await t.Get<PersonService>().UpdateAsync(user, id, p.ToInput() with { City = "Blumenau" }, p.Version);
        var inserted = (await t.Get<PersonService>().ListAsync(user, new PersonQuery { Search = "Outra" })).Items.Single();
        await t.Get<PersonService>().UpdateAsync(user, inserted.Id, inserted.ToInput() with { City = "Itajaí" }, inserted.Version);
        Assert.Equal(t.Clock.GetUtcNow().UtcDateTime, await CreatedAtAsync(inserted.Id));
    }

    [Fact]
    public async Task DuplicatesInTheFile_AndDocumentsOfOtherPersons_AreRowErrors()
    {
        var user = await ManagerAsync();
        await t.Get<PersonService>().CreateAsync(user, new PersonInput { Name = "Dono", Document = CnpjOf(9), ExternalCode = "X9" });
        var table = Csv($"""
            Código;Razão social;CNPJ
            C1;Alfa;{CnpjOf(1)}
            C1;Alfa de novo;{CnpjOf(2)}
            C3;Gama;{CnpjOf(1)}
            C4;Usa o documento de outro;{CnpjOf(9)}
            """);

        var outcome = await Target.CommitAsync(user, table, Map(Target, table));

        Assert.Equal([(3, "ExternalCode"), (4, "Document"), (5, "Document")], outcome.Errors.Select(e => (e.Line, e.Field)).ToArray());
        Assert.Contains("2", outcome.Errors[0].Message);
        Assert.Equal(1, await CountPersonsAsync());
    }

    [Fact]
    public async Task SemicolonLatin1File_IsReadWithAccents_AndAutoMapped()
    {
        var user = await ManagerAsync();
        var latin1 = Encoding.Latin1.GetBytes($"Razão social;Nome fantasia;CNPJ/CPF;Código;UF;CEP;Município\r\n\"São João; Irmãos Ltda\";Padaria Pão;{CnpjOf(1)};1001;SP;01310-100;São Paulo\r\n");
        var table = ImportReader.ReadCsv(latin1, "latin1.csv");

        Assert.Equal((";", "Windows-1252"), (table.Delimiter, table.EncodingName));
        var map = Map(Target, table);
        Assert.Equal(0, map[nameof(PersonInput.Name)]);
        Assert.Equal(1, map[nameof(PersonInput.TradeName)]);
        Assert.Equal(2, map[nameof(PersonInput.Document)]);
        Assert.Equal(3, map[nameof(PersonInput.ExternalCode)]);
        Assert.Equal(6, map[nameof(PersonInput.City)]);

        var outcome = await Target.CommitAsync(user, table, map);
        Assert.True(outcome.Written, string.Join("; ", outcome.Errors));
        await using var db = await t.DbAsync();
        var p = await db.Persons.SingleAsync();
        Assert.Equal(("São João; Irmãos Ltda", "Padaria Pão", "São Paulo", "1001"), (p.Name, p.TradeName, p.City, p.ExternalCode));
    }

    [Fact]
    public async Task Utf8WithBom_CommaSeparatedWithQuotedNewline_IsRead()
    {
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes("Código,Razão social\n1,\"Linha\nquebrada\"\n2,Ação\n")).ToArray();
        var table = ImportReader.ReadCsv(bytes, "x.csv");
        Assert.Equal(("Código", ",", "UTF-8"), (table.Headers[0], table.Delimiter, table.EncodingName));
        Assert.Equal(2, table.Rows.Count);
        Assert.Equal("Linha\nquebrada", table.Rows[0].Values[1]);
        Assert.Equal((2, 4), (table.Rows[0].Line, table.Rows[1].Line)); // line numbers in the file, header = 1
        Assert.Equal("Ação", table.Rows[1].Values[1]);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Xlsx_RoundTrip_ImportsTheFirstSheet()
    {
        var user = await ManagerAsync();
        var rows = new List<Dictionary<string, object>>
        {
            new() { ["Código"] = "X1", ["Razão social"] = "Planilha Ltda", ["CNPJ/CPF"] = CnpjOf(1), ["UF"] = "RS", ["CEP"] = "90010-000" },
            new() { ["Código"] = "X2", ["Razão social"] = "Maria Souza", ["CNPJ/CPF"] = CpfOf(2), ["UF"] = "SC", ["CEP"] = "89201-000" },
            // Typed as numbers in the spreadsheet: the CNPJ and the CEP lost their leading zero.
            new() { ["Código"] = "X3", ["Razão social"] = "Zero à Esquerda Ltda", ["CNPJ/CPF"] = long.Parse(Cnpj.WithCheckDigits("012345670001")), ["UF"] = "SP", ["CEP"] = 1310100 },
        };
        using var stream = new MemoryStream();
        await stream.SaveAsAsync(rows);
        stream.Position = 0;

        var table = await ImportService.ReadAsync(stream, "pessoas.xlsx");
        Assert.Equal(["Código", "Razão social", "CNPJ/CPF", "UF", "CEP"], table.Headers);
        Assert.Equal((2, 3), (table.Rows[0].Line, table.Rows[1].Line));

        var outcome = await Target.CommitAsync(user, table, Map(Target, table));
        Assert.True(outcome.Written, string.Join("; ", outcome.Errors));
        await using var db = await t.DbAsync();
        Assert.Equal(PersonType.Individual, (await db.Persons.SingleAsync(p => p.ExternalCode == "X2")).Type);
        var zero = await db.Persons.SingleAsync(p => p.ExternalCode == "X3");
        Assert.Equal((Cnpj.WithCheckDigits("012345670001"), "01310100", PersonType.Legal), (zero.Document, zero.ZipCode, zero.Type));
    }

    [Theory]
    [InlineData(Roles.Agent)]
    [InlineData(Roles.Representative)]
    public async Task AgentsAndRepresentatives_CannotImport(string role)
    {
        var user = await t.UserAsync("u@x.test", role, await t.CompanyAsync("01"));
        var table = Csv($"Código;Razão social;CNPJ\nC1;Alfa;{CnpjOf(1)}\n");
        await Assert.ThrowsAsync<ForbiddenException>(() => Target.ValidateAsync(user, table, Map(Target, table)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Target.CommitAsync(user, table, Map(Target, table)));
        await Assert.ThrowsAsync<ForbiddenException>(() => Target.UpsertAsync(user, [new PersonInput { Name = "A", Document = CnpjOf(1), ExternalCode = "C1" }]));
        Assert.DoesNotContain(t.Get<ImportService>().TargetsFor(user), x => x.Name == "persons");
        Assert.Equal(0, await CountPersonsAsync());
    }

    [Fact]
    public async Task RequiredFieldNotMapped_IsReported_BeforeReadingRows()
    {
        var user = await ManagerAsync();
        var table = Csv($"Razão social;CNPJ\nAlfa;{CnpjOf(1)}\n");
        var outcome = await Target.ValidateAsync(user, table, Map(Target, table));
        var error = Assert.Single(outcome.Errors);
        Assert.Equal(nameof(PersonInput.ExternalCode), error.Field);
    }

    [Fact]
    public async Task ApiBatch_UpsertsByCode_OrThrowsWithIndexedKeys()
    {
        var user = await ManagerAsync();
        var first = await Target.UpsertAsync(user, [new PersonInput { Name = "Alfa", Document = CnpjOf(1), ExternalCode = "A1" }]);
        Assert.Equal((1, 0), (first.Inserted, first.Updated));

        var again = await Target.UpsertAsync(user,
        [
            new PersonInput { Name = "Alfa Renomeada", Document = CnpjOf(1), ExternalCode = "A1" },
            new PersonInput { Name = "Beta", Document = CnpjOf(2), ExternalCode = "B2" },
        ]);
        Assert.Equal((1, 1), (again.Inserted, again.Updated));

        var ex = await Assert.ThrowsAsync<ValidationException>(() => Target.UpsertAsync(user,
        [
            new PersonInput { Name = "Ok", Document = CnpjOf(3), ExternalCode = "C3" },
            new PersonInput { Name = "Ruim", Document = "11.111.111/1111-11", ExternalCode = "D4" },
        ]));
        Assert.Equal(["[1].Document"], ex.Errors.Select(e => e.PropertyName).ToArray());
        Assert.Equal(2, await CountPersonsAsync());
    }

    [Fact]
    public async Task Cancellation_WritesNothing()
    {
        var user = await ManagerAsync();
        var table = Csv($"Código;Razão social;CNPJ\nC1;Alfa;{CnpjOf(1)}\n");
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => Target.CommitAsync(user, table, Map(Target, table), ct: cts.Token));
        Assert.Equal(0, await CountPersonsAsync());
    }

    [Theory]
    [InlineData("1.234,56", 1234.56)]
    [InlineData("1234,5", 1234.5)]
    [InlineData("1234.56", 1234.56)]
    [InlineData("1,234.56", 1234.56)]
    [InlineData("R$ 10,00", 10.00)]
    [InlineData("-3", -3)]
    [InlineData("1.000.000", 1000000)]
    public void BrazilianAndInvariantDecimals(string text, double expected)
    {
        Assert.True(ImportValues.TryDecimal(text, out var value));
        Assert.Equal((decimal)expected, value);
    }

    [Theory]
    [InlineData("27/11/2026")]
    [InlineData("2026-11-27")]
    [InlineData("27.11.2026")]
    public void BrazilianAndIsoDates(string text)
    {
        Assert.True(ImportValues.TryDate(text, out var d));
        Assert.Equal(new DateOnly(2026, 11, 27), d);
        Assert.False(ImportValues.TryDate("31/02/2026", out _));
    }

    [Fact]
    public async Task Commit_ReportsProgress_ThroughValidationAndWriting()
    {
        var user = await ManagerAsync();
        var rows = string.Join("\n", Enumerable.Range(1, 50).Select(i => $"C{i};Empresa {i};{CnpjOf(i)}"));
        var table = Csv("Código;Razão social;CNPJ\n" + rows + "\n");
        var reports = new List<ImportProgress>();

        await Target.CommitAsync(user, table, Map(Target, table), new Collect(reports));

        Assert.Contains(reports, r => r is { Stage: ImportStage.Validating, Done: 50, Total: 50 });
        Assert.Contains(reports, r => r is { Stage: ImportStage.Writing, Done: 50, Total: 50 });
        Assert.Equal(ImportStage.Done, reports[^1].Stage);
    }

    [Fact]
    public void EnglishHeaders_AreAutoMappedToo()
    {
        var table = Csv("ERP code,Name,Trade name,Document,City,State,Zip code,Active\nX,Y,,,,,,\n");
        var map = Map(Target, table);
        Assert.Equal(["ExternalCode", "Name", "TradeName", "Document", "City", "State", "ZipCode", "IsActive"],
            map.OrderBy(kv => kv.Value).Select(kv => kv.Key).ToArray());
    }

    private sealed class Collect(List<ImportProgress> list) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => list.Add(value);
    }
}

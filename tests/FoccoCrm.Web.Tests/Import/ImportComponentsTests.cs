using System.Text;
using Bunit;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using FoccoCrm.Core.Persons;
using FoccoCrm.Web.Features.Import;
using FoccoCrm.Web.Tests.Layout;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using MudBlazor.Extensions;

namespace FoccoCrm.Web.Tests.Import;

public class ImportComponentsTests : ComponentTestBase
{
    private static string CnpjOf(int n) => Cnpj.Format(Cnpj.WithCheckDigits((20_000_000 + n).ToString("D8") + "0001"));

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        Services.AddSingleton(Db.Get<ImportService>());
        Services.AddSingleton(Db.Get<PersonImportTarget>());
    }

    private static string Csv(int rows, Func<int, string>? row = null)
    {
        var sb = new StringBuilder("Código;Razão social;CNPJ/CPF;UF;CEP;Ativo;Observação\r\n");
        for (var i = 1; i <= rows; i++) sb.Append(row?.Invoke(i) ?? $"C{i};Empresa {i} Ltda;{CnpjOf(i)};sc;89201-000;S;x").Append("\r\n");
        return sb.ToString();
    }

    [Fact]
    public async Task MappingStep_AutoMapsHeaders_MarksRequired_AndPreviewsTwentyRowsAsRead()
    {
        var admin = await Db.UserAsync("admin@x.test", Roles.Administrator, await Db.CompanyAsync("01"));
        var target = Db.Get<PersonImportTarget>();
        var table = ImportReader.ReadCsv(Encoding.UTF8.GetBytes(Csv(25, i => i == 3
            ? $"C3;Empresa 3;{CnpjOf(3)};SC;89201-000;talvez;x"
            : $"C{i};Empresa {i} Ltda;{CnpjOf(i)};sc;89201-000;S;x")), "pessoas.csv");
        var mapping = ImportService.AutoMap(target, table.Headers);
        Dictionary<string, int>? changed = null;

        var cut = RenderAs<ImportMappingStep>(admin, (nameof(ImportMappingStep.Target), target), (nameof(ImportMappingStep.Table), table),
            (nameof(ImportMappingStep.Mapping), mapping),
            (nameof(ImportMappingStep.MappingChanged), EventCallback.Factory.Create<Dictionary<string, int>>(this, m => changed = m)));

        var selects = cut.FindComponents<MudSelect<int>>().ToDictionary(s => s.Instance.UserAttributes["data-field"]!.ToString()!);
        Assert.Equal(0, selects["ExternalCode"].Instance.GetState(x => x.Value));
        Assert.Equal(1, selects["Name"].Instance.GetState(x => x.Value));
        Assert.Equal(2, selects["Document"].Instance.GetState(x => x.Value));
        Assert.Equal(5, selects["IsActive"].Instance.GetState(x => x.Value));
        Assert.Equal(-1, selects["City"].Instance.GetState(x => x.Value));
        Assert.True(selects["ExternalCode"].Instance.Required);
        Assert.True(selects["Name"].Instance.Required);
        Assert.False(selects["City"].Instance.Required);
        Assert.Contains("Colunas ignoradas: Observação", cut.Markup);

        // Preview: the first 20 rows, values as the target reads them (booleans as Sim/Não), unreadable cells flagged.
        var rows = cut.FindAll(".import-preview tbody tr");
        Assert.Equal(20, rows.Count);
        Assert.Contains("Sim", rows[0].TextContent);
        var bad = cut.Find(".import-cell-error");
        Assert.Contains("talvez", bad.TextContent);
        Assert.Contains("S ou N", bad.GetAttribute("title"));
        Assert.Equal("4", bad.ParentElement!.FirstElementChild!.TextContent); // file line 4 = third data row

        // Unmapping a required field blocks validation and tells the page.
        var validate = cut.FindAll("button").Single(b => b.TextContent.Contains("Validar"));
        Assert.False(validate.HasAttribute("disabled"));
        await cut.InvokeAsync(() => selects["Name"].Instance.ValueChanged.InvokeAsync(-1));
        Assert.NotNull(changed);
        Assert.False(changed!.ContainsKey("Name"));
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Contains("Validar")).HasAttribute("disabled"));
        Assert.DoesNotContain("Empresa 1 Ltda", cut.Find(".import-preview").TextContent);

        // Giving a column to another field takes it from the first one.
        await cut.InvokeAsync(() => selects["TradeName"].Instance.ValueChanged.InvokeAsync(0));
        Assert.False(changed.ContainsKey("ExternalCode"));
        Assert.Equal(0, changed["TradeName"]);
    }

    [Fact]
    public async Task Page_UploadMapValidate_ShowsRowErrors_AndRefusesToImport()
    {
        var manager = await Db.UserAsync("gestor@x.test", Roles.Manager, await Db.CompanyAsync("01"));
        var cut = RenderAs<ImportPage>(manager);
        Assert.Contains("FUTL0130", cut.Markup);

        var csv = Csv(3, i => i == 2 ? $"C2;Empresa 2;12.345.678/0001-00;SC;89201-000;S;x" : $"C{i};Empresa {i} Ltda;{CnpjOf(i)};SC;89201-000;S;x");
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(csv, "pessoas.csv"));
        cut.WaitForAssertion(() => Assert.Contains("Prévia das primeiras 3 linhas", cut.Markup));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains("Validar")).Click());
        cut.WaitForAssertion(() => Assert.Contains("Erros por linha", cut.Markup), TimeSpan.FromSeconds(10));
        var error = cut.FindAll("tbody tr").Single(r => r.TextContent.Contains("CNPJ inválido"));
        Assert.Contains("3", error.Children[0].TextContent);
        Assert.Contains("CNPJ/CPF", error.Children[1].TextContent);
        Assert.True(cut.FindAll("button").Single(b => b.TextContent.Trim() == "Importar").HasAttribute("disabled"));
        await using var db = await Db.DbAsync();
        Assert.Equal(0, await db.Persons.CountAsync());
    }

    [Fact]
    public async Task Page_GoodFile_ValidatesThenCommits()
    {
        var admin = await Db.UserAsync("admin@x.test", Roles.Administrator, await Db.CompanyAsync("01"));
        var cut = RenderAs<ImportPage>(admin);
        cut.FindComponent<InputFile>().UploadFiles(InputFileContent.CreateFromText(Csv(3), "pessoas.csv"));
        cut.WaitForAssertion(() => Assert.Contains("Prévia das primeiras 3 linhas", cut.Markup));
        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Contains("Validar")).Click());
        cut.WaitForAssertion(() => Assert.Contains("3 linhas prontas: 3 novas, 0 atualizações.", cut.Markup), TimeSpan.FromSeconds(10));

        await cut.InvokeAsync(() => cut.FindAll("button").Single(b => b.TextContent.Trim() == "Importar").Click());
        cut.WaitForAssertion(() => Assert.Contains("Importação concluída: 3 novos, 0 atualizados.", cut.Markup), TimeSpan.FromSeconds(10));
        await using var db = await Db.DbAsync();
        Assert.Equal(3, await db.Persons.CountAsync());
    }
}

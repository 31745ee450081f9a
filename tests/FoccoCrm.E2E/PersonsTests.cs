using FoccoCrm.Core.Common;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace FoccoCrm.E2E;

[Collection(AppCollection.Name)]
[Trait("Category", "E2E")]
public class PersonsTests(AppFixture app)
{
    [Fact]
    public async Task Agent_CreatesACustomerWithAContact_InvalidCnpjRefusedFirst()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("agente1@foccocrm.demo");
        await page.GotoAsync("/persons");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Pessoas" })).ToBeVisibleAsync();
        await Expect(page.GetByText(new System.Text.RegularExpressions.Regex(@"1–25 de \d{3}"))).ToBeVisibleAsync();
        await page.ScreenshotAsync("persons-list");

        await page.GetByRole(AriaRole.Link, new() { Name = "Nova pessoa" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        var name = "Ferragens E2E " + Guid.NewGuid().ToString("N")[..6];
        await page.GetByLabel("Razão social").FillAsync(name);
        await page.GetByLabel("CNPJ", new() { Exact = true }).FillAsync("11.222.333/0001-82");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(page.GetByText("CNPJ inválido: confira os dígitos verificadores.")).ToBeVisibleAsync();
        await page.ScreenshotAsync("person-form-invalid-cnpj");

        var cnpj = Cnpj.WithCheckDigits("E2E" + Random.Shared.Next(10000, 99999) + "0001");
        await page.GetByLabel("CNPJ", new() { Exact = true }).FillAsync(Cnpj.Format(cnpj).ToLowerInvariant());
        await page.GetByLabel("Cidade").FillAsync("Joinville");
        await Expect(page.GetByLabel("CNPJ", new() { Exact = true })).ToHaveValueAsync(Cnpj.Format(cnpj).ToLowerInvariant());
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(page.GetByText("CNPJ inválido: confira os dígitos verificadores.")).ToHaveCountAsync(0);
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/persons/\d+$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.GetByText(Cnpj.Format(cnpj)).First).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Tab, new() { Name = "Contatos" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Novo contato" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Nome").FillAsync("Ana Compradora");
        await dialog.GetByTestId("contact-type").ClickAsync();
        await page.GetByRole(AriaRole.Option, new() { Name = "1 · Comprador" }).ClickAsync();
        await Expect(dialog.GetByTestId("contact-type")).ToHaveValueAsync("1 · Comprador");
        await dialog.GetByLabel("E-mail").FillAsync("ana@ferragens.com.br");
        await dialog.GetByLabel("Departamento/cargo").FillAsync("Compras");
        await Expect(dialog.GetByLabel("E-mail")).ToHaveValueAsync("ana@ferragens.com.br");
        await page.ScreenshotAsync("contact-dialog");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await Expect(dialog).ToHaveCountAsync(0);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Ana Compradora" })).ToContainTextAsync("1 · Comprador");
        await page.ScreenshotAsync("person-contacts");

        await page.GotoAsync("/persons");
        await page.WaitForInteractiveAsync();
        await page.GetByPlaceholder("Buscar nome, documento, cidade, código").FillAsync(Cnpj.Format(cnpj));
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Row)).ToHaveCountAsync(2); // header + the one match
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Agent_CreatesAConsumer_OnATablet()
    {
        var page = await app.NewPageAsync(width: 820, height: 1180);
        await page.LoginAsync("agente1@foccocrm.demo");
        await page.GotoAsync("/consumers");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Consumidores" })).ToBeVisibleAsync();
        await page.ScreenshotAsync("consumers-tablet");

        await page.GetByRole(AriaRole.Link, new() { Name = "Novo consumidor" }).ClickAsync();
        await page.WaitForInteractiveAsync();
        var name = "Consumidor E2E " + Guid.NewGuid().ToString("N")[..6];
        var cpf = Cpf.WithCheckDigits(Random.Shared.Next(100_000_000, 999_999_999).ToString());
        await page.GetByLabel("Nome", new() { Exact = true }).FillAsync(name);
        await page.GetByLabel("CPF", new() { Exact = true }).FillAsync(Cpf.Format(cpf));
        await page.GetByLabel("CEP").FillAsync("89201-000");
        await page.ScreenshotAsync("consumer-form-tablet");
        await page.GetByRole(AriaRole.Button, new() { Name = "Salvar" }).ClickAsync();
        await page.WaitForURLAsync(new System.Text.RegularExpressions.Regex(@"/persons/\d+$"));
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = name })).ToBeVisibleAsync();
        await Expect(page.Locator(".program-code")).ToHaveTextAsync("FERM0101");

        await page.GotoAsync("/consumers");
        await page.WaitForInteractiveAsync();
        await page.GetByPlaceholder("Buscar nome, documento, cidade, código").FillAsync(name);
        await Expect(page.GetByRole(AriaRole.Row).Filter(new() { HasText = name })).ToContainTextAsync(Cpf.Format(cpf));
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Representative_SeesOnlyItsCustomers_ReadOnly()
    {
        var page = await app.NewPageAsync();
        await page.LoginAsync("representante@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/persons");
        await page.WaitForInteractiveAsync();
        // the 30 customers assigned in company 01, plus the representative's own record
        await Expect(page.GetByText("1–25 de 31")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Nova pessoa" })).ToHaveCountAsync(0);
        await page.ScreenshotAsync("persons-representative");

        await page.GotoAsync("/representatives");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("1–1 de 1")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Clientes nesta empresa (30)" })).ToBeVisibleAsync();
        await Expect(page.GetByLabel("Adicionar cliente (busque por nome ou documento)")).ToHaveCountAsync(0);
        await page.ScreenshotAsync("representative-page");

        await page.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Salvar" })).ToHaveCountAsync(0);
        await page.Context.CloseAsync();
    }

    [Fact]
    public async Task Manager_SeesARepresentativesCustomers_AndCanAddOne_OnATablet()
    {
        var page = await app.NewPageAsync(width: 820, height: 1180);
        await page.LoginAsync("gestor@foccocrm.demo");
        await page.UseCompanyAsync("01");
        await page.GotoAsync("/representatives");
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByText("1–3 de 3")).ToBeVisibleAsync();
        await page.GetByRole(AriaRole.Row).Nth(1).GetByRole(AriaRole.Link).ClickAsync();
        await page.WaitForInteractiveAsync();
        await Expect(page.GetByLabel("Adicionar cliente (busque por nome ou documento)")).ToBeVisibleAsync();
        await page.ScreenshotAsync("representative-page-manager-tablet");
        await page.Context.CloseAsync();
    }
}

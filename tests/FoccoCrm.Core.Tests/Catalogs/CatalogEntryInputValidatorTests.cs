using FoccoCrm.Core.Catalogs;

namespace FoccoCrm.Core.Tests.Catalogs;

public class CatalogEntryInputValidatorTests
{
    private readonly CatalogEntryInputValidator validator = new();

    private static CatalogEntryInput Valid(CatalogKind kind = CatalogKind.ContactType) =>
        new() { Kind = kind, Code = 1, Description = "Comprador", Usage = kind == CatalogKind.ChecklistType ? ChecklistUsage.Occurrence : null };

    [Fact]
    public void ValidEntry_Passes() => Assert.True(validator.Validate(Valid()).IsValid);

    [Theory]
    [InlineData(null)]
    [InlineData(0)]
    [InlineData(-3)]
    [InlineData(1_000_000)]
    public void Code_MustBeAPositiveNumberInRange(int? code)
    {
        var result = validator.Validate(Valid() with { Code = code });
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(CatalogEntryInput.Code));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Description_IsRequired(string description)
    {
        var result = validator.Validate(Valid() with { Description = description });
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(CatalogEntryInput.Description));
    }

    [Fact]
    public void Description_AcceptsEightyCharacters_AndRejectsMore()
    {
        Assert.True(validator.Validate(Valid() with { Description = new string('x', 80) }).IsValid);
        var result = validator.Validate(Valid() with { Description = new string('x', 81) });
        Assert.Contains(result.Errors, e => e.PropertyName == nameof(CatalogEntryInput.Description));
    }

    [Fact]
    public void ChecklistType_NeedsAUsage_OtherCatalogsHaveNone()
    {
        Assert.True(validator.Validate(Valid(CatalogKind.ChecklistType)).IsValid);
        Assert.Contains(validator.Validate(Valid(CatalogKind.ChecklistType) with { Usage = null }).Errors, e => e.PropertyName == nameof(CatalogEntryInput.Usage));
        Assert.Contains(validator.Validate(Valid(CatalogKind.ChecklistType) with { Usage = (ChecklistUsage)9 }).Errors, e => e.PropertyName == nameof(CatalogEntryInput.Usage));
        Assert.False(validator.Validate(Valid(CatalogKind.ContactType) with { Usage = ChecklistUsage.Registration }).IsValid);
    }

    [Fact]
    public void Messages_ArePortugueseByDefault()
    {
        var previous = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            System.Globalization.CultureInfo.CurrentUICulture = new("pt-BR");
            var result = validator.Validate(Valid() with { Code = 0 });
            Assert.Contains(result.Errors, e => e.ErrorMessage == "O código deve ser um número inteiro de 1 a 999999.");
        }
        finally { System.Globalization.CultureInfo.CurrentUICulture = previous; }
    }
}

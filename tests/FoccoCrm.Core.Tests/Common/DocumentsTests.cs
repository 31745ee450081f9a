using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Tests.Common;

public class DocumentsTests
{
    [Theory]
    [InlineData("11.222.333/0001-81")]
    [InlineData("11222333000181")]
    [InlineData("12.ABC.345/01DE-35")] // the Receita Federal's alphanumeric example
    [InlineData("12abc34501de35")]     // lower case is upper-cased
    public void Cnpj_Valid_IsAccepted(string cnpj) => Assert.True(Cnpj.IsValid(cnpj));

    [Theory]
    [InlineData("11.222.333/0001-82")]
    [InlineData("12.ABC.345/01DE-36")]
    [InlineData("00000000000000")]
    [InlineData("1122233300018")]
    [InlineData("11.222.333/0001-8A")] // check digits are always numeric
    [InlineData("12.AB#.345/01DE-35")]
    [InlineData("")]
    [InlineData(null)]
    public void Cnpj_Invalid_IsRejected(string? cnpj) => Assert.False(Cnpj.IsValid(cnpj));

    [Fact]
    public void Cnpj_IsStoredNormalizedAndShownMasked()
    {
        Assert.Equal("12ABC34501DE35", Cnpj.Normalize("12.abc.345/01de-35"));
        Assert.Equal("12.ABC.345/01DE-35", Cnpj.Format("12abc34501de35"));
    }

    [Fact]
    public void Cnpj_WithCheckDigits_ProducesValidDocuments()
    {
        var random = new Random(7);
        for (var i = 0; i < 500; i++)
        {
            var chars = Enumerable.Range(0, 12).Select(_ => "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"[random.Next(36)]).ToArray();
            Assert.True(Cnpj.IsValid(Cnpj.WithCheckDigits(new string(chars))));
        }
    }

    [Theory]
    [InlineData("529.982.247-25")]
    [InlineData("52998224725")]
    public void Cpf_Valid_IsAccepted(string cpf) => Assert.True(Cpf.IsValid(cpf));

    [Theory]
    [InlineData("529.982.247-26")]
    [InlineData("111.111.111-11")]
    [InlineData("5299822472")]
    [InlineData("52998224A25")]
    public void Cpf_Invalid_IsRejected(string cpf) => Assert.False(Cpf.IsValid(cpf));

    [Fact]
    public void CsvExport_QuotesSeparatorsAndNeutralizesFormulas()
    {
        var bytes = CsvExport.Write(new[] { ("a;b", "=1+1") }, ("X", r => r.Item1), ("Y", r => r.Item2));
        var text = System.Text.Encoding.UTF8.GetString(bytes).TrimStart('\uFEFF');
        Assert.Equal("X;Y\r\n\"a;b\";'=1+1\r\n", text);
    }
}

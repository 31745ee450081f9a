using FoccoCrm.Core.Common;
using MiniExcelLibs;

namespace FoccoCrm.Core.Tests.Common;

public class TableExportTests
{
    private sealed record Row(string Code, int Users, DateTime Since);

    private static readonly Row[] Rows = [new("01", 5, new DateTime(2026, 1, 2)), new("=cmd", 0, new DateTime(2025, 12, 31))];

    [Fact]
    public void Xlsx_HasTheHeadersAndTypedValues()
    {
        var bytes = TableExport.Write(ExportFormat.Xlsx, Rows, ("Código", r => r.Code), ("Usuários", r => r.Users), ("Desde", r => r.Since));
        Assert.Equal("PK", System.Text.Encoding.ASCII.GetString(bytes, 0, 2)); // a zip (OOXML) package

        using var stream = new MemoryStream(bytes);
        var sheet = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(2, sheet.Count);
        Assert.Equal(["Código", "Usuários", "Desde"], sheet[0].Keys);
        Assert.Equal("01", sheet[0]["Código"]);
        Assert.Equal(5d, Convert.ToDouble(sheet[0]["Usuários"]));
        Assert.Equal("=cmd", sheet[1]["Código"]); // a text cell, never a formula
    }

    [Fact]
    public void Csv_IsTheSameColumns()
    {
        var text = System.Text.Encoding.UTF8.GetString(TableExport.Write(ExportFormat.Csv, Rows, ("Código", r => r.Code), ("Usuários", r => r.Users))).TrimStart('\uFEFF');
        Assert.StartsWith("Código;Usuários\r\n01;5\r\n'=cmd;0\r\n", text);
        Assert.Equal(".csv", TableExport.Extension(ExportFormat.Csv));
        Assert.Equal(".xlsx", TableExport.Extension(ExportFormat.Xlsx));
    }
}

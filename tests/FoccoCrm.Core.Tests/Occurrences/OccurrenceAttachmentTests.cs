using FoccoCrm.Core.Common;
using FoccoCrm.Core.Occurrences;
using Microsoft.Extensions.DependencyInjection;

namespace FoccoCrm.Core.Tests.Occurrences;

/// <summary>Attachments: type and size limits, safe storage ({companyId}/{guid}), SHA-256, and downloads only within the company.</summary>
public sealed class OccurrenceAttachmentTests : IAsyncLifetime
{
    private readonly string root = Path.Combine(Path.GetTempPath(), "foccocrm-tests-" + Guid.NewGuid().ToString("N"));
    private readonly TestDb t;

    public OccurrenceAttachmentTests() =>
        t = new TestDb(s => s.AddSingleton(new AttachmentStore(new AttachmentOptions { Root = root, MaxBytes = 1024 })));

    public Task InitializeAsync() => t.InitializeAsync();

    public async Task DisposeAsync()
    {
        await t.DisposeAsync();
        if (Directory.Exists(root)) Directory.Delete(root, recursive: true);
    }

    private OccurrenceService Service => t.Get<OccurrenceService>();

    private static MemoryStream Bytes(int n) => new(Enumerable.Range(0, n).Select(i => (byte)(i % 251)).ToArray());

    [Fact]
    public async Task Add_StoresUnderCompanyAndGuid_NeverTheUsersName_WithItsHash()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var id = await Service.CreateAsync(d.Agent1, d.Input());

        var row = await Service.AddAttachmentAsync(d.Agent1, id, "../../etc/nota fiscal.pdf", Bytes(500));

        Assert.Equal(("nota fiscal.pdf", "application/pdf", 500L), (row.FileName, row.ContentType, row.Size));
        Assert.Equal(Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(Bytes(500).ToArray())), row.Sha256);
        var file = Assert.Single(Directory.GetFiles(Path.Combine(root, d.Company.ToString())));
        Assert.True(Guid.TryParseExact(Path.GetFileName(file), "N", out _));
        var (attachment, content) = await Service.OpenAttachmentAsync(d.Agent2, row.Id);
        await using (content)
        {
            using var copy = new MemoryStream();
            await content.CopyToAsync(copy);
            Assert.Equal(500, copy.Length);
        }
        Assert.Equal(row.Id, attachment.Id);
        Assert.Contains((await Service.GetAsync(d.Agent1, id)).History, h => h.Field == OccurrenceFields.Attachment && h.ToValue == "nota fiscal.pdf");
    }

    [Fact]
    public async Task Add_TooLargeOrForbiddenTypeOrEmpty_IsRefused_AndLeavesNoFile()
    {
        var d = await OccurrenceTestData.CreateAsync(t);
        var id = await Service.CreateAsync(d.Agent1, d.Input());
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.AddAttachmentAsync(d.Agent1, id, "grande.pdf", Bytes(1025)));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.AddAttachmentAsync(d.Agent1, id, "virus.exe", Bytes(10)));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.AddAttachmentAsync(d.Agent1, id, "semextensao", Bytes(10)));
        await Assert.ThrowsAsync<BusinessRuleException>(() => Service.AddAttachmentAsync(d.Agent1, id, "vazio.txt", Bytes(0)));
        Assert.False(Directory.Exists(root) && Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories).Any());
        Assert.Empty((await Service.GetAsync(d.Agent1, id)).Attachments);
    }

    [Fact]
    public async Task Open_ByAUserOfAnotherCompany_IsNotFound_AndRemoveDeletesTheFile()
    {
        var a = await OccurrenceTestData.CreateAsync(t, "01");
        var b = await OccurrenceTestData.CreateAsync(t, "02");
        var id = await Service.CreateAsync(a.Agent1, a.Input());
        var row = await Service.AddAttachmentAsync(a.Agent1, id, "foto.png", Bytes(100));

        await Assert.ThrowsAsync<NotFoundException>(() => Service.OpenAttachmentAsync(b.Admin, row.Id));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.RemoveAttachmentAsync(b.Admin, row.Id));

        await Service.RemoveAttachmentAsync(a.Agent1, row.Id);
        Assert.Empty(Directory.GetFiles(Path.Combine(root, a.Company.ToString())));
        await Assert.ThrowsAsync<NotFoundException>(() => Service.OpenAttachmentAsync(a.Agent1, row.Id));
    }
}

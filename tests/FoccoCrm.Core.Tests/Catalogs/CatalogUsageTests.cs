using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FoccoCrm.Core.Tests.Catalogs;

/// <summary>The in-use check is an extension point: later features register an <see cref="ICatalogUsage"/>.</summary>
public sealed class CatalogUsageTests : IAsyncLifetime
{
    /// <summary>Stands in for a feature (e.g. contacts) that references contact type code 1.</summary>
    private sealed class FakeContactUsage : ICatalogUsage
    {
        public List<CatalogEntryRef> Asked { get; } = [];
        public Task<string?> FindUseAsync(CatalogEntryRef entry, CancellationToken ct)
        {
            Asked.Add(entry);
            return Task.FromResult(entry is { Kind: CatalogKind.ContactType, Code: 1 } ? "contato Ana Souza" : null);
        }
    }

    private readonly FakeContactUsage usage = new();
    private readonly TestDb t;

    public CatalogUsageTests() => t = new TestDb(s => s.AddSingleton<ICatalogUsage>(usage));
    public Task InitializeAsync() => t.InitializeAsync();
    public Task DisposeAsync() => t.DisposeAsync();

    private static CatalogEntryInput Input(int code, string description) =>
        new() { Kind = CatalogKind.ContactType, Code = code, Description = description };

    [Fact]
    public async Task Delete_EntryARegisteredUsageFinds_IsRefusedWithItsDescription()
    {
        var service = t.Get<CatalogService<ContactType>>();
        var manager = await t.UserAsync("g@x.test", Roles.Manager);
        var used = await service.CreateAsync(manager, Input(1, "Comprador"));
        var unused = await service.CreateAsync(manager, Input(2, "Vendas"));

        var ex = await Assert.ThrowsAsync<CatalogEntryInUseException>(() => service.DeleteAsync(manager, used));
        Assert.Equal("contato Ana Souza", ex.Use);
        Assert.Contains("Tipo de contato 1 · Comprador está em uso (contato Ana Souza)", ex.Message);
        Assert.Contains(usage.Asked, e => e.Id == used && e.Kind == CatalogKind.ContactType);

        await service.DeleteAsync(manager, unused);
        Assert.Equal([1], (await service.ListAsync(manager, includeInactive: true)).Select(r => r.Code));
    }

    [Fact]
    public async Task Delete_ReferencedEntryNoUsageKnows_IsStillRefusedByTheForeignKey()
    {
        await using var bare = new TestDb(s => s.RemoveAll<ICatalogUsage>());
        await bare.InitializeAsync();
        var types = bare.Get<CatalogService<TicketType>>();
        var manager = await bare.UserAsync("g@x.test", Roles.Manager);
        var type = await types.CreateAsync(manager, new CatalogEntryInput { Kind = CatalogKind.TicketType, Code = 1, Description = "Cancelamento" });
        await bare.Get<CatalogService<TicketReason>>().CreateAsync(manager,
            new CatalogEntryInput { Kind = CatalogKind.TicketReason, Code = 1, Description = "Não recebimento" }, type);

        var ex = await Assert.ThrowsAsync<CatalogEntryInUseException>(() => types.DeleteAsync(manager, type));
        Assert.Equal("é usado por outros registros", ex.Use);
        Assert.Single(await types.ListAsync(manager));
    }
}

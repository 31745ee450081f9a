using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;

namespace FoccoCrm.Web.Tests.Http;

/// <summary>
/// The benchmark diagnostics (/diagnostics/...) exist only with Diagnostics:Enabled=true in Development:
/// off by default, and off in Production even when the setting is on.
/// </summary>
public class DiagnosticsTests
{
    private static readonly (HttpMethod Method, string Path)[] Endpoints =
    [
        (HttpMethod.Get, "/diagnostics/memory?gc=true"),
        (HttpMethod.Post, "/diagnostics/hub/broadcast"),
        (HttpMethod.Post, "/diagnostics/hub/negotiate?negotiateVersion=1"),
        (HttpMethod.Post, "/diagnostics/publish?topic=user:x"),
    ];

    [Fact]
    public async Task Development_WithoutTheSetting_AnswersNotFound()
    {
        using var app = new DiagnosticsAppFactory("Development", enabled: null);
        await AssertAllNotFoundAsync(app);
    }

    [Fact]
    public async Task Production_WithTheSettingOn_AnswersNotFound()
    {
        using var app = new DiagnosticsAppFactory("Production", enabled: true);
        await AssertAllNotFoundAsync(app);
    }

    [Fact]
    public async Task Development_WithTheSettingOn_ReportsMemoryCircuitsAndBroadcasts()
    {
        using var app = new DiagnosticsAppFactory("Development", enabled: true);
        var client = app.NoRedirectClient();

        var memory = await client.GetFromJsonAsync<MemoryBody>("/diagnostics/memory?gc=true");
        Assert.NotNull(memory);
        Assert.True(memory.ManagedBytes > 0);
        Assert.Equal(0, memory.Circuits);

        var broadcast = await client.PostAsync("/diagnostics/hub/broadcast", null);
        Assert.Equal(HttpStatusCode.OK, broadcast.StatusCode);
        var body = await broadcast.Content.ReadFromJsonAsync<BroadcastBody>();
        Assert.Equal(1, body!.Sequence);
        Assert.Equal(0, body.Clients);
    }

    private static async Task AssertAllNotFoundAsync(AppFactory app)
    {
        var client = app.NoRedirectClient();
        foreach (var (method, path) in Endpoints)
        {
            var response = await client.SendAsync(new HttpRequestMessage(method, path));
            Assert.True(response.StatusCode == HttpStatusCode.NotFound, $"{method} {path}: {(int)response.StatusCode}");
        }
    }

    private sealed record MemoryBody(long ManagedBytes, int Circuits);

    private sealed record BroadcastBody(long Sequence, int Clients);

    private sealed class DiagnosticsAppFactory(string environment, bool? enabled) : AppFactory
    {
        protected override string Environment => environment;

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("DemoData:Enabled", "false");
            if (enabled is { } on) builder.UseSetting("Diagnostics:Enabled", on ? "true" : "false");
        }
    }
}

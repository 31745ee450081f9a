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
    private static readonly string[] Paths =
    [
        "/diagnostics/memory?gc=true",
        "/diagnostics/gc",
        "/diagnostics/hub/broadcast",
        "/diagnostics/hub/negotiate?negotiateVersion=1",
        "/diagnostics/publish?topic=user:x",
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
    public async Task Development_WithTheSettingOn_ReportsMemoryCollectionsCircuitsAndBroadcasts()
    {
        using var app = new DiagnosticsAppFactory("Development", enabled: true);
        var client = app.NoRedirectClient();

        var memory = await client.GetFromJsonAsync<MemoryBody>("/diagnostics/memory?gc=true");
        Assert.NotNull(memory);
        Assert.True(memory.ManagedBytes > 0);
        Assert.Equal(0, memory.Circuits);

        // The forced collections above are counted: two full ones at least, so gen 0 and gen 2 both moved.
        var gc = await client.GetFromJsonAsync<GcBody>("/diagnostics/gc");
        Assert.NotNull(gc);
        Assert.True(gc.Gen2 >= 2, $"gen2 {gc.Gen2}");
        Assert.True(gc.Gen0 >= gc.Gen1 && gc.Gen1 >= gc.Gen2, $"{gc.Gen0}/{gc.Gen1}/{gc.Gen2}");
        Assert.True(gc.PauseMs > 0);

        var broadcast = await client.PostAsync("/diagnostics/hub/broadcast", null);
        Assert.Equal(HttpStatusCode.OK, broadcast.StatusCode);
        var body = await broadcast.Content.ReadFromJsonAsync<BroadcastBody>();
        Assert.Equal(1, body!.Sequence);
        Assert.Equal(0, body.Clients);

        var negotiate = await client.PostAsync("/diagnostics/hub/negotiate?negotiateVersion=1", null);
        Assert.Equal(HttpStatusCode.OK, negotiate.StatusCode);
        Assert.Contains("connectionToken", await negotiate.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.PostAsync("/diagnostics/publish?topic=user:x", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await client.PostAsync("/diagnostics/publish?user=nobody@example.com", null)).StatusCode);
    }

    /// <summary>
    /// GET is a 404 for every path. A POST to a path nobody maps reaches the Blazor endpoint's form handling and is
    /// refused there (400, no antiforgery token): never a success, and never the diagnostics answer.
    /// </summary>
    private static async Task AssertAllNotFoundAsync(AppFactory app)
    {
        var client = app.NoRedirectClient();
        foreach (var path in Paths)
        {
            var get = await client.GetAsync(path);
            Assert.True(get.StatusCode == HttpStatusCode.NotFound, $"GET {path}: {(int)get.StatusCode}");
            var post = await client.PostAsync(path, null);
            Assert.True(post.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.BadRequest, $"POST {path}: {(int)post.StatusCode}");
            var body = await get.Content.ReadAsStringAsync();
            Assert.DoesNotContain("managedBytes", body);
            Assert.DoesNotContain("pauseMs", body);
            Assert.DoesNotContain("connectionToken", await post.Content.ReadAsStringAsync());
        }
    }

    private sealed record MemoryBody(long ManagedBytes, int Circuits);

    private sealed record GcBody(int Gen0, int Gen1, int Gen2, double PauseMs);

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

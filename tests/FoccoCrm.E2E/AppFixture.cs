using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Playwright;

namespace FoccoCrm.E2E;

/// <summary>
/// The real app on Kestrel (in this test process, on a free port, fresh SQLite file with demo data)
/// and Debian's chromium driven by Playwright.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    public const string ChromiumPath = "/usr/bin/chromium";
    private static readonly string[] ChromiumArgs =
    [
        "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--disable-dev-shm-usage",
    ];

    private readonly string dataDir = Directory.CreateTempSubdirectory("focco-e2e-").FullName;
    private WebApplicationFactory<Program>? factory;
    private IPlaywright? playwright;

    public string BaseUrl { get; private set; } = "";
    public ServerLog Log { get; } = new();
    public IBrowser Browser { get; private set; } = default!;
    /// <summary>The app's services (tests act through Core services, e.g. a ticket created while a board is open).</summary>
    public IServiceProvider Services => factory!.Services;
    public static string ScreenshotDir { get; } = Path.Combine(AppContext.BaseDirectory, "screenshots");

    public async Task InitializeAsync()
    {
        factory = new KestrelAppFactory(Path.Combine(dataDir, "e2e.db"), Log);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseUrl = addresses.First().Replace("[::]", "127.0.0.1").Replace("0.0.0.0", "127.0.0.1").TrimEnd('/');

        Directory.CreateDirectory(ScreenshotDir);
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions { ExecutablePath = ChromiumPath, Headless = true, Args = ChromiumArgs });
    }

    /// <summary>A fresh browser context (own cookies) at a viewport width; pt-BR like our users.</summary>
    public async Task<IPage> NewPageAsync(int width = 1280, int height = 860)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = BaseUrl, ViewportSize = new ViewportSize { Width = width, Height = height }, Locale = "pt-BR",
            HasTouch = width < 1024,
        });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
        if (factory is not null) await factory.DisposeAsync();
        await File.WriteAllLinesAsync(Path.Combine(ScreenshotDir, "server.log"), Log.Lines);
        SqliteConnection.ClearAllPools();
        try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
    }
}

/// <summary>The app on a real Kestrel listener with a port chosen by the OS (never the developer's 5000).</summary>
internal sealed class KestrelAppFactory : WebApplicationFactory<Program>
{
    private readonly string databasePath;
    private readonly ServerLog log;

    public KestrelAppFactory(string databasePath, ServerLog log)
    {
        this.databasePath = databasePath;
        this.log = log;
        UseKestrel(0);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("Database:Path", databasePath);
        builder.UseSetting("RateLimit:LoginPerMinute", "1000");
        builder.ConfigureLogging(l => l.AddProvider(log));
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}

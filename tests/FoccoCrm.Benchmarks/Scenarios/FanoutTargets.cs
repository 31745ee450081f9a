using System.Net.Http.Json;
using FoccoCrm.Benchmarks.Infrastructure;

namespace FoccoCrm.Benchmarks.Scenarios;

/// <summary>
/// What the board scenario measures: the page every circuit shows and the change (made through the app's HTTP
/// interface) that must re-render it on every circuit. Switching the measured page/trigger = choosing another target.
/// </summary>
public interface IFanoutTarget
{
    string Name { get; }

    /// <summary>The page the circuits open (prerendered, interactive server).</summary>
    string PagePath { get; }

    /// <summary>Whom the circuits sign in as (demo login).</summary>
    string Email { get; }

    /// <summary>Once, before any circuit opens: tokens, ids of what will be changed.</summary>
    Task PrepareAsync(HttpClient http, CancellationToken ct);

    /// <summary>Makes change number <paramref name="index"/>; returns when the app answered.</summary>
    Task TriggerAsync(HttpClient http, int index, CancellationToken ct);

    /// <summary>
    /// How long a change keeps re-rendering after its first batch (e.g. a highlight removed by a timer): the next change
    /// waits at least this long, so a late batch of one change is never taken for the next one's.
    /// </summary>
    TimeSpan Settle { get; }
}

public static class FanoutTargets
{
    public const string DemoPassword = "FoccoDemo#2026";

    /// <summary>The target used when --target is not given.</summary>
    public const string Default = "board";

    public static IReadOnlyList<string> Names => ["board", "bell"];

    public static IFanoutTarget Create(string? name) => (name ?? Default).ToLowerInvariant() switch
    {
        "board" => new TicketMoveTarget(),
        "bell" => new BellTarget(),
        _ => throw new BenchmarkException($"unknown --target '{name}' (known: {string.Join(", ", Names)})"),
    };
}

/// <summary>
/// The notification bell in the app bar of the home page: it subscribes to the change feed topic user:{id} and, on
/// every change there, re-reads the unread count and re-renders (on every circuit of that user). The change is a
/// synthetic one published through the Development-only /diagnostics/publish endpoint, because the API has no
/// notification-creating call; a "notification.read"-like kind shows no snackbar, so one change = one render.
/// </summary>
public sealed class BellTarget : IFanoutTarget
{
    public string Name => "bell";
    public string PagePath => "/";
    public string Email => "admin@foccocrm.demo";
    public TimeSpan Settle => TimeSpan.Zero;

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        var body = await PublishAsync(http, ct);
        Log.Info($"bell target: topic {body.Topic}, {body.Subscribers} subscriber(s) before any circuit");
    }

    public Task TriggerAsync(HttpClient http, int index, CancellationToken ct) => PublishAsync(http, ct);

    private async Task<PublishBody> PublishAsync(HttpClient http, CancellationToken ct)
    {
        using var response = await http.PostAsync($"/diagnostics/publish?user={Uri.EscapeDataString(Email)}&kind=bench.ping", null, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkException($"POST /diagnostics/publish: HTTP {(int)response.StatusCode} (is Diagnostics:Enabled set and the environment Development?)");
        return await response.Content.ReadFromJsonAsync<PublishBody>(ct) ?? throw new BenchmarkException("POST /diagnostics/publish: empty answer");
    }

    private sealed record PublishBody(string Topic, int Subscribers);
}

/// <summary>
/// The live ticket board (/tickets/board, grouped by status) of the user's current company. Each change moves one open
/// ticket between "Opened" and "In execution" through the API (POST /api/companies/{id}/tickets/{ticket}/move with the
/// version from the previous answer), which republishes on the change feed topic tickets:{companyId}; every open board
/// reloads the two columns and re-renders. The moved card is highlighted for 2.5 s (a second batch), hence the settle time.
/// </summary>
public sealed class TicketMoveTarget : IFanoutTarget
{
    // TicketStatus: sent the way the API writes it (names with a string-enum converter, else numbers).
    private const int Opened = 0, InExecution = 1;
    private static readonly string[] StatusNames = ["Opened", "InExecution"];
    private bool statusAsName;

    private string? token;
    private int companyId;
    private long ticketId;
    private Guid version;
    private int status;

    public string Name => "board";
    public string PagePath => "/tickets/board";
    public string Email => "admin@foccocrm.demo";
    public TimeSpan Settle => TimeSpan.FromSeconds(3);

    public async Task PrepareAsync(HttpClient http, CancellationToken ct)
    {
        using (var response = await http.PostAsJsonAsync("/api/auth/token", new { email = Email, password = FanoutTargets.DemoPassword }, ct))
        {
            if (!response.IsSuccessStatusCode) throw new BenchmarkException($"POST /api/auth/token: HTTP {(int)response.StatusCode}");
            token = (await response.Content.ReadFromJsonAsync<TokenBody>(ct))?.Token ?? throw new BenchmarkException("POST /api/auth/token: no token");
        }
        var me = await GetAsync<MeBody>(http, "/api/me", ct);
        companyId = me.CurrentCompanyId ?? me.Companies.FirstOrDefault()?.Id ?? throw new BenchmarkException($"{Email} has no company");

        var open = await GetAsync<PageBody>(http, $"/api/companies/{companyId}/tickets?status=Opened&take=1", ct);
        if (open.Items.Count == 0) throw new BenchmarkException($"company {companyId} has no open ticket to move (demo data missing?)");
        ticketId = open.Items[0].Id;
        var detail = await GetAsync<TicketBody>(http, $"/api/companies/{companyId}/tickets/{ticketId}", ct);
        version = detail.Version;
        statusAsName = detail.Status.ValueKind == System.Text.Json.JsonValueKind.String;
        status = statusAsName ? Array.IndexOf(StatusNames, detail.Status.GetString()) : detail.Status.GetInt32();
        if (status is not (Opened or InExecution)) throw new BenchmarkException($"ticket {ticketId} is not open (status {detail.Status})");
        Log.Info($"board target: company {companyId}, ticket #{detail.Number} (id {ticketId}) moves between Opened and InExecution; {open.TotalCount} open tickets");
    }

    public async Task TriggerAsync(HttpClient http, int index, CancellationToken ct)
    {
        var to = status == Opened ? InExecution : Opened;
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/api/companies/{companyId}/tickets/{ticketId}/move")
        {
            Content = statusAsName
                ? JsonContent.Create(new { status = StatusNames[to], version, note = (string?)null })
                : JsonContent.Create(new { status = to, version, note = (string?)null }),
        };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode)
            throw new BenchmarkException($"moving ticket {ticketId} to {to}: HTTP {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(ct)}");
        version = (await response.Content.ReadFromJsonAsync<VersionBody>(ct))?.Version ?? throw new BenchmarkException("move: no version in the answer");
        status = to;
    }

    private async Task<T> GetAsync<T>(HttpClient http, string path, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request, ct);
        if (!response.IsSuccessStatusCode) throw new BenchmarkException($"GET {path}: HTTP {(int)response.StatusCode} (is the tickets API there?)");
        return await response.Content.ReadFromJsonAsync<T>(ct) ?? throw new BenchmarkException($"GET {path}: empty answer");
    }

    private sealed record TokenBody(string Token);
    private sealed record CompanyBody(int Id);
    private sealed record MeBody(int? CurrentCompanyId, IReadOnlyList<CompanyBody> Companies);
    private sealed record RowBody(long Id);
    private sealed record PageBody(IReadOnlyList<RowBody> Items, int TotalCount);
    private sealed record TicketBody(long Id, int Number, System.Text.Json.JsonElement Status, Guid Version);
    private sealed record VersionBody(Guid Version);
}

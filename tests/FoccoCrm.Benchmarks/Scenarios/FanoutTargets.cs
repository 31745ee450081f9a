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
}

public static class FanoutTargets
{
    public const string DemoPassword = "FoccoDemo#2026";

    /// <summary>The target used when --target is not given.</summary>
    public const string Default = "bell";

    public static IReadOnlyList<string> Names => ["bell"];

    public static IFanoutTarget Create(string? name) => (name ?? Default).ToLowerInvariant() switch
    {
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

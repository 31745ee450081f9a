using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Live;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.SignalR;

namespace FoccoCrm.Web.Infrastructure.Diagnostics;

/// <summary>
/// Development-only endpoints for the load benchmarks (tests/FoccoCrm.Benchmarks, scenario "board"). They exist only
/// when configuration <c>Diagnostics:Enabled</c> is true AND the environment is Development; otherwise nothing is
/// registered or mapped and every path below is a plain 404.
/// <list type="bullet">
/// <item><c>GET /diagnostics/memory?gc=true</c>: managed heap bytes (after two full collections when gc=true) and the
/// number of open Blazor circuits.</item>
/// <item><c>GET /diagnostics/gc</c>: garbage collections so far by generation and their total pause time (the
/// benchmark reads it before and after each change, to tell a collection inside a fan-out from a slow render).</item>
/// <item><c>GET /diagnostics/components</c>: the live components of all open circuits by type — how many, their
/// render-tree frames and the frame capacity their two render-tree buffers hold (what a circuit costs in memory).</item>
/// <item><c>/diagnostics/hub</c> + <c>POST /diagnostics/hub/broadcast</c>: a plain SignalR hub and a broadcast to all
/// its clients, the baseline the circuit fan-out is compared with.</item>
/// <item><c>POST /diagnostics/publish?topic=…</c> (or <c>?user=e-mail</c> for that user's topic): publishes a synthetic
/// change on the change feed, e.g. every notification bell of the user re-reads its count and re-renders.</item>
/// </list>
/// </summary>
public static class DiagnosticsEndpoints
{
    public const string ConfigurationKey = "Diagnostics:Enabled";

    /// <summary>The client method the baseline hub broadcasts: (sequence, server UTC ticks).</summary>
    public const string BroadcastMethod = "broadcast";

    public static bool IsEnabled(IConfiguration configuration, IHostEnvironment environment) =>
        environment.IsDevelopment() && configuration.GetValue<bool>(ConfigurationKey);

    /// <summary>Registers the circuit counter and the hub's client counter when diagnostics are enabled.</summary>
    public static WebApplicationBuilder AddFoccoDiagnostics(this WebApplicationBuilder builder)
    {
        if (!IsEnabled(builder.Configuration, builder.Environment)) return builder;
        builder.Services.AddSingleton<CircuitCounter>();
        builder.Services.AddSingleton<CircuitHandler>(sp => sp.GetRequiredService<CircuitCounter>());
        builder.Services.AddSingleton<DiagnosticsHubClients>();
        return builder;
    }

    /// <summary>Maps the endpoints when diagnostics are enabled (call <see cref="AddFoccoDiagnostics"/> first).</summary>
    public static WebApplication MapFoccoDiagnostics(this WebApplication app)
    {
        if (!IsEnabled(app.Configuration, app.Environment)) return app;
        app.Logger.LogWarning("Diagnostics endpoints are enabled under /diagnostics (Development only, for benchmarks).");
        var group = app.MapGroup("/diagnostics").ExcludeFromDescription().AllowAnonymous();

        group.MapGet("/memory", (bool? gc, CircuitCounter circuits) =>
        {
            if (gc == true)
            {
                GC.Collect();
                GC.WaitForPendingFinalizers();
                GC.Collect();
            }
            return Results.Ok(new MemoryReport(GC.GetTotalMemory(forceFullCollection: false), circuits.Open));
        });

        group.MapGet("/gc", () => Results.Ok(GcReport.Now()));

        group.MapGet("/components", (CircuitCounter circuits) => Results.Ok(ComponentCensus.Take(circuits.Circuits)));

        app.MapHub<DiagnosticsHub>("/diagnostics/hub").AllowAnonymous();
        long sequence = 0;
        group.MapPost("/hub/broadcast", async (IHubContext<DiagnosticsHub> hub, DiagnosticsHubClients clients) =>
        {
            var n = Interlocked.Increment(ref sequence);
            await hub.Clients.All.SendAsync(BroadcastMethod, n, DateTime.UtcNow.Ticks);
            return Results.Ok(new BroadcastReport(n, clients.Connected));
        });

        group.MapPost("/publish", async (string? topic, string? user, string? kind, IChangeFeed feed, UserManager<AppUser> users) =>
        {
            if (string.IsNullOrWhiteSpace(topic) && !string.IsNullOrWhiteSpace(user))
                topic = await users.FindByEmailAsync(user) is { } found ? LiveTopics.User(found.Id) : null;
            if (string.IsNullOrWhiteSpace(topic)) return Results.BadRequest();
            await feed.PublishAsync(new LiveChange(topic, kind ?? "diagnostics.ping", 0, null, null, DateTime.UtcNow));
            return Results.Ok(new PublishReport(topic, feed.SubscriberCount(topic)));
        });
        return app;
    }

    public sealed record MemoryReport(long ManagedBytes, int Circuits);

    /// <summary>Collections by generation since the process started and their summed pause time.</summary>
    public sealed record GcReport(int Gen0, int Gen1, int Gen2, double PauseMs)
    {
        public static GcReport Now() => new(GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2), GC.GetTotalPauseDuration().TotalMilliseconds);
    }

    public sealed record BroadcastReport(long Sequence, int Clients);

    public sealed record PublishReport(string Topic, int Subscribers);
}

/// <summary>Counts open circuits (a singleton <see cref="CircuitHandler"/>: opened minus closed).</summary>
public sealed class CircuitCounter : CircuitHandler
{
    private readonly System.Collections.Concurrent.ConcurrentDictionary<string, Circuit> circuits = new();

    public int Open => circuits.Count;

    /// <summary>The open circuits (for <see cref="ComponentCensus"/>).</summary>
    public IReadOnlyCollection<Circuit> Circuits => (IReadOnlyCollection<Circuit>)circuits.Values;

    public override Task OnCircuitOpenedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits[circuit.Id] = circuit;
        return Task.CompletedTask;
    }

    public override Task OnCircuitClosedAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        circuits.TryRemove(circuit.Id, out _);
        return Task.CompletedTask;
    }
}

/// <summary>Connected clients of <see cref="DiagnosticsHub"/>.</summary>
public sealed class DiagnosticsHubClients
{
    private int connected;

    public int Connected => Volatile.Read(ref connected);

    internal void Add() => Interlocked.Increment(ref connected);

    internal void Remove() => Interlocked.Decrement(ref connected);
}

/// <summary>A hub with no methods: clients only receive <see cref="DiagnosticsEndpoints.BroadcastMethod"/>.</summary>
public sealed class DiagnosticsHub(DiagnosticsHubClients clients) : Hub
{
    public override Task OnConnectedAsync()
    {
        clients.Add();
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        clients.Remove();
        return base.OnDisconnectedAsync(exception);
    }
}

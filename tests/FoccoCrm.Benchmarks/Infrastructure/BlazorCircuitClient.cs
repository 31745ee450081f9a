using System.Buffers;
using System.Diagnostics;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.AspNetCore.SignalR.Protocol;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Benchmarks.Infrastructure;

/// <summary>
/// A signed-in browser, without the browser: one cookie jar (from the real login form) shared by every circuit it opens.
/// </summary>
public sealed partial class BlazorSession : IDisposable
{
    public Uri BaseAddress { get; }
    public CookieContainer Cookies { get; }
    public HttpClient Http { get; }

    private BlazorSession(Uri baseAddress, CookieContainer cookies, HttpClient http)
    {
        BaseAddress = baseAddress;
        Cookies = cookies;
        Http = http;
    }

    /// <summary>GET /account/login (antiforgery cookie + form token), POST /account/signin, keep the auth cookie.</summary>
    public static async Task<BlazorSession> SignInAsync(Uri baseAddress, string email, string password, CancellationToken ct)
    {
        var cookies = new CookieContainer();
        var http = new HttpClient(new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseCookies = true,
            CookieContainer = cookies,
            UseProxy = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(10),
            MaxConnectionsPerServer = 64,
        })
        {
            BaseAddress = baseAddress,
            Timeout = TimeSpan.FromSeconds(120),
        };
        try
        {
            var form = await http.GetStringAsync("/account/login", ct);
            var token = AntiforgeryTokenRegex().Match(form);
            if (!token.Success) throw new BenchmarkException("GET /account/login: no __RequestVerificationToken in the form.");

            using var response = await http.PostAsync("/account/signin", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
                ["email"] = email,
                ["password"] = password,
                ["returnUrl"] = "/",
            }), ct);
            var location = response.Headers.Location?.OriginalString ?? "";
            if (response.StatusCode != HttpStatusCode.Redirect || location.Contains("error=", StringComparison.Ordinal))
                throw new BenchmarkException($"sign-in as {email} failed: HTTP {(int)response.StatusCode} → '{location}'.");
            if (cookies.GetCookies(baseAddress).All(c => c.Name != ".FoccoCrm.Auth"))
                throw new BenchmarkException($"sign-in as {email} set no .FoccoCrm.Auth cookie.");
            return new BlazorSession(baseAddress, cookies, http);
        }
        catch
        {
            http.Dispose();
            throw;
        }
    }

    public void Dispose() => Http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryTokenRegex();
}

/// <summary>
/// The time a message arrives, for "how long until the next one": <see cref="Arm"/> before causing something,
/// and the first arrival after that completes the returned task with its <see cref="Stopwatch"/> timestamp.
/// </summary>
public sealed class ArrivalProbe
{
    private TaskCompletionSource<long>? armed;
    private long count;
    private long lastTimestamp;

    public long Count => Interlocked.Read(ref count);

    /// <summary>Stopwatch timestamp of the latest arrival (0 = none yet).</summary>
    public long LastTimestamp => Interlocked.Read(ref lastTimestamp);

    public Task<long> Arm()
    {
        var tcs = new TaskCompletionSource<long>(TaskCreationOptions.RunContinuationsAsynchronously);
        Volatile.Write(ref armed, tcs);
        return tcs.Task;
    }

    public void Disarm() => Interlocked.Exchange(ref armed, null)?.TrySetCanceled();

    public void Signal()
    {
        var now = Stopwatch.GetTimestamp();
        Interlocked.Exchange(ref lastTimestamp, now);
        Interlocked.Increment(ref count);
        Interlocked.Exchange(ref armed, null)?.TrySetResult(now);
    }
}

/// <summary>
/// One open Blazor Server circuit, driven the way blazor.web.js of .NET 10 drives it, minus the DOM:
/// GET the page (prerendered, with <c>&lt;!--Blazor:{…}--&gt;</c> markers and the persisted component state),
/// connect to <c>/_blazor</c> (negotiate, the session's cookies, WebSockets, the "blazorpack" MessagePack protocol),
/// <c>StartCircuit(baseUri, uri, "[]", "")</c>, then <c>UpdateRootComponents</c> adding every server marker of the page.
/// Every <c>JS.RenderBatch</c> is acknowledged with <c>OnRenderCompleted(batchId, null)</c> (the server stops rendering
/// after 10 unacknowledged batches); every <c>JS.BeginInvokeJS</c> that waits for an answer gets
/// <c>EndInvokeJSFromDotNet</c> success with a null result (a fake object reference when the caller expects an
/// <c>IJSObjectReference</c>), so components never hang on the missing browser. Render batches are counted, not
/// interpreted; <see cref="Batches"/> tells when the next one arrives.
/// </summary>
public sealed partial class BlazorCircuitClient : IAsyncDisposable
{
    // JSCallResultType (Microsoft.JSInterop): what the .NET caller expects back.
    private const int ResultJsObjectReference = 1;

    private readonly HubConnection hub;
    private readonly TaskCompletionSource firstBatch = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private long jsCalls;
    private long nextJsObjectId = 1;
    private volatile string? error;

    /// <summary>Render batches received (and acknowledged).</summary>
    public ArrivalProbe Batches { get; } = new();

    public long JsCalls => Interlocked.Read(ref jsCalls);
    /// <summary>The JS functions the server called, first 40 (what a circuit asks of the browser: each argument type costs
    /// the circuit its serializer metadata).</summary>
    public IReadOnlyCollection<string> JsIdentifiers => jsIdentifiers;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> jsIdentifiers = new();

    public string? CircuitId { get; private set; }

    /// <summary>The first thing that went wrong (JS.Error from the server, a closed connection, a failed send).</summary>
    public string? Error => error;

    public bool IsConnected => hub.State == HubConnectionState.Connected;

    /// <summary>Stopwatch timestamp of when the connection closed (0 = open or closed by us).</summary>
    public long ClosedAt { get; private set; }

    /// <summary>Stopwatch timestamp of when the circuit was started.</summary>
    public long OpenedAt { get; private set; }

    private readonly BlazorSession session;

    private BlazorCircuitClient(HubConnection hub, BlazorSession session)
    {
        this.hub = hub;
        this.session = session;
    }

    /// <summary>Opens a circuit on <paramref name="path"/> and returns once its first render batch arrived.</summary>
    public static async Task<BlazorCircuitClient> OpenAsync(BlazorSession session, string path, TimeSpan timeout, CancellationToken ct, ILoggerFactory? logging = null)
    {
        var pageUri = new Uri(session.BaseAddress, path);
        using var page = await session.Http.GetAsync(pageUri, ct);
        var html = await page.Content.ReadAsStringAsync(ct);
        if (page.StatusCode != HttpStatusCode.OK)
            throw new BenchmarkException($"GET {path}: HTTP {(int)page.StatusCode} {page.Headers.Location}".TrimEnd());

        var markers = ServerMarkers(html);
        if (markers.Count == 0)
            throw new BenchmarkException($"GET {path}: no interactive server component markers (<!--Blazor:{{\"type\":\"server\"...}}-->) in the page.");
        var appState = ServerStateRegex().Match(html) is { Success: true } state ? state.Groups[1].Value : "";

        var builder = new HubConnectionBuilder()
            .WithUrl(new Uri(session.BaseAddress, "_blazor"), o =>
            {
                o.Cookies = session.Cookies;
                o.Transports = HttpTransportType.WebSockets;
            });
        builder.Services.AddSingleton<IHubProtocol, BlazorPackHubProtocol>();
        if (logging is not null) builder.Services.AddSingleton(logging);
        var connection = builder.Build();
        // The server pings every 15 s; on a saturated machine give it room before calling the circuit dead.
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);

        var client = new BlazorCircuitClient(connection, session) { OpenedAt = Stopwatch.GetTimestamp() };
        client.RegisterHandlers();
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeoutSource.CancelAfter(timeout);
            await connection.StartAsync(timeoutSource.Token);

            // blazor.web.js starts the circuit with no initial components, then adds the page's markers.
            client.CircuitId = await connection.InvokeAsync<string?>("StartCircuit",
                session.BaseAddress.ToString(), pageUri.ToString(), "[]", "", timeoutSource.Token);
            if (string.IsNullOrEmpty(client.CircuitId))
                throw new BenchmarkException($"{path}: StartCircuit was refused (null circuit id).");

            var operations = markers.Select((marker, i) => new RootComponentOperation("add", i + 1, marker)).ToList();
            var batch = JsonSerializer.Serialize(new RootComponentOperationBatch(1, operations), JsonOptions);
            await connection.SendAsync("UpdateRootComponents", batch, appState, timeoutSource.Token);

            try
            {
                await client.firstBatch.Task.WaitAsync(timeoutSource.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                throw new BenchmarkException($"{path}: no render batch within {timeout.TotalSeconds:F0} s of opening the circuit{(client.error is { } e ? $" ({e})" : "")}.");
            }
            if (client.error is { } failure) throw new BenchmarkException($"{path}: {failure}");
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    private void RegisterHandlers()
    {
        hub.On<long, byte[]>("JS.RenderBatch", async (batchId, _) =>
        {
            Batches.Signal();
            firstBatch.TrySetResult();
            await SendOrRecordAsync("OnRenderCompleted", batchId, null);
        });

        // .NET 10: (asyncHandle, identifier, argsJson, resultType, targetInstanceId, callType). Handle 0 = no answer wanted.
        hub.On("JS.BeginInvokeJS", [typeof(long), typeof(string), typeof(string), typeof(int), typeof(long), typeof(int)], async args =>
        {
            if (Interlocked.Increment(ref jsCalls) <= 40) jsIdentifiers.Enqueue((string?)args[1] ?? "?");
            var handle = (long)args[0]!;
            if (handle == 0) return;
            var resultType = (int)args[3]!;
            var result = resultType == ResultJsObjectReference
                ? "{\"__jsObjectId\":" + Interlocked.Increment(ref nextJsObjectId).ToString(CultureInfo.InvariantCulture) + "}"
                : "null";
            await SendOrRecordAsync("EndInvokeJSFromDotNet", handle, true,
                "[" + handle.ToString(CultureInfo.InvariantCulture) + ",true," + result + "]");
        });

        hub.On("JS.Error", [typeof(string)], args =>
        {
            error ??= "JS.Error: " + args[0];
            firstBatch.TrySetResult();
            return Task.CompletedTask;
        });
        // Messages a browser acts on and this client only has to accept.
        hub.On("JS.AttachComponent", [typeof(int), typeof(string)], _ => Task.CompletedTask);
        hub.On("JS.EndUpdateRootComponents", [typeof(long)], _ => Task.CompletedTask);
        hub.On("JS.EndInvokeDotNet", [typeof(string), typeof(bool), typeof(string)], _ => Task.CompletedTask);
        hub.On("JS.EndLocationChanging", [typeof(int), typeof(bool)], _ => Task.CompletedTask);
        hub.Closed += e =>
        {
            if (e is not null)
            {
                error ??= "connection closed: " + e.Message;
                ClosedAt = Stopwatch.GetTimestamp();
            }
            firstBatch.TrySetResult();
            return Task.CompletedTask;
        };
    }

    private async Task SendOrRecordAsync(string method, params object?[] args)
    {
        try
        {
            await hub.SendCoreAsync(method, args);
        }
        catch (Exception e) when (e is InvalidOperationException or IOException or HubException or OperationCanceledException or System.Net.WebSockets.WebSocketException)
        {
            error ??= $"{method} failed: {e.Message}";
        }
    }

    /// <summary>
    /// Closes the connection and, like a browser leaving the page (navigator.sendBeacon), posts the circuit id to
    /// <c>/_blazor/disconnect</c> so the server disposes the circuit now instead of keeping it for a reconnect.
    /// </summary>
    public async ValueTask DisposeAsync()
    {
        Batches.Disarm();
        try
        {
            await hub.DisposeAsync();
            if (CircuitId is { } id)
            {
                using var content = new FormUrlEncodedContent(new Dictionary<string, string> { ["circuitId"] = id });
                using var response = await session.Http.PostAsync("/_blazor/disconnect", content);
            }
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException or HttpRequestException)
        {
            // Closing a circuit on a dying server: nothing left to measure.
        }
    }

    /// <summary>The interactive server markers of a prerendered page, in document order (their JSON, as written).</summary>
    public static IReadOnlyList<JsonElement> ServerMarkers(string html)
    {
        var markers = new List<JsonElement>();
        foreach (Match m in MarkerRegex().Matches(html))
        {
            using var doc = JsonDocument.Parse(m.Groups[1].Value);
            var root = doc.RootElement;
            if (root.TryGetProperty("type", out var type) && type.GetString() == "server" && root.TryGetProperty("descriptor", out _))
                markers.Add(root.Clone());
        }
        return markers;
    }

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private sealed record RootComponentOperationBatch(long BatchId, IReadOnlyList<RootComponentOperation> Operations);

    private sealed record RootComponentOperation(string Type, int SsrComponentId, JsonElement Marker);

    [GeneratedRegex(@"<!--Blazor:(\{.*?\})-->", RegexOptions.Singleline)]
    private static partial Regex MarkerRegex();

    [GeneratedRegex(@"<!--Blazor-Server-Component-State:([A-Za-z0-9+/=]+)-->")]
    private static partial Regex ServerStateRegex();

    /// <summary>Blazor's hub accepts only the protocol named "blazorpack": SignalR's MessagePack protocol under that name.</summary>
    private sealed class BlazorPackHubProtocol : IHubProtocol
    {
        private readonly MessagePackHubProtocol inner = new();

        public string Name => "blazorpack";
        public int Version => inner.Version;
        public TransferFormat TransferFormat => TransferFormat.Binary;
        public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

        public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message) =>
            inner.TryParseMessage(ref input, binder, out message);

        public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

        public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);
    }
}

/// <summary>A client of the plain diagnostics hub (/diagnostics/hub, JSON protocol): the broadcast baseline.</summary>
public sealed class HubBroadcastClient : IAsyncDisposable
{
    private readonly HubConnection hub;

    public ArrivalProbe Messages { get; } = new();

    private HubBroadcastClient(HubConnection hub) => this.hub = hub;

    public static async Task<HubBroadcastClient> ConnectAsync(Uri baseAddress, string path, TimeSpan timeout, CancellationToken ct)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path.TrimStart('/')), o => o.Transports = HttpTransportType.WebSockets)
            .Build();
        connection.ServerTimeout = TimeSpan.FromMinutes(2);
        connection.HandshakeTimeout = TimeSpan.FromSeconds(60);
        var client = new HubBroadcastClient(connection);
        connection.On("broadcast", [typeof(long), typeof(long)], _ =>
        {
            client.Messages.Signal();
            return Task.CompletedTask;
        });
        try
        {
            using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(ct);
            timeoutSource.CancelAfter(timeout);
            await connection.StartAsync(timeoutSource.Token);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        Messages.Disarm();
        try
        {
            await hub.DisposeAsync();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException or OperationCanceledException)
        {
        }
    }
}

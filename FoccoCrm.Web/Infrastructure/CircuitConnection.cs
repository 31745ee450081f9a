using Microsoft.AspNetCore.Components.Server.Circuits;

namespace FoccoCrm.Web.Infrastructure;

/// <summary>
/// The state of this circuit's connection, for live screens: <see cref="ConnectionDown"/> when the browser loses it,
/// <see cref="ConnectionUp"/> when it comes back (never for the first connection). A live screen reloads its snapshot
/// on ConnectionUp, because changes published while it was away were rendered into a circuit nobody saw — or missed.
/// Scoped: one per circuit; registered as a <see cref="CircuitHandler"/> too.
/// </summary>
public sealed class CircuitConnection : CircuitHandler
{
    private bool wasDown;

    public bool IsConnected { get; private set; } = true;

    /// <summary>Raised (on the circuit's dispatcher) when a lost connection is back.</summary>
    public event Func<Task>? ConnectionUp;

    /// <summary>Raised when the connection is lost (the circuit lives on for a while, waiting for the browser).</summary>
    public event Func<Task>? ConnectionDown;

    public override async Task OnConnectionUpAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = true;
        if (!wasDown) return;
        wasDown = false;
        await RaiseAsync(ConnectionUp);
    }

    public override async Task OnConnectionDownAsync(Circuit circuit, CancellationToken cancellationToken)
    {
        IsConnected = false;
        wasDown = true;
        await RaiseAsync(ConnectionDown);
    }

    /// <summary>Tests and the circuit handler: tells the subscribers the connection came back.</summary>
    public Task RaiseConnectionUpAsync() => RaiseAsync(ConnectionUp);

    private static async Task RaiseAsync(Func<Task>? handlers)
    {
        if (handlers is null) return;
        foreach (var handler in handlers.GetInvocationList().Cast<Func<Task>>()) await handler();
    }
}

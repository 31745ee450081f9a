using System.Collections.Concurrent;
using System.Collections.Immutable;
using FoccoCrm.Core.Live;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Tickets;

/// <summary>The fields that decide on which board column a ticket is and who (and which filter) sees it.</summary>
public sealed record TicketBoardKey(TicketStatus Status, string? ResponsibleId, TicketPriority Priority, int TypeId, int CustomerId);

/// <summary>
/// Which tickets of a company one user may see, decided in memory (the same rule as the SQL of
/// <see cref="TicketService.VisibleAsync"/>; a test holds both to agreement): everything; only their own and unassigned
/// (agents when parameter 07 = N); or only the customers they represent (representatives).
/// </summary>
public sealed class TicketBoardScope
{
    private readonly string? ownerId;
    private readonly IReadOnlySet<int>? customers;

    private TicketBoardScope(string? ownerId, IReadOnlySet<int>? customers)
    {
        this.ownerId = ownerId;
        this.customers = customers;
    }

    public static TicketBoardScope All { get; } = new(null, null);

    public static TicketBoardScope OwnAndUnassigned(string userId) => new(userId, null);

    public static TicketBoardScope Customers(IReadOnlySet<int> customerIds) => new(null, customerIds);

    public bool Admits(TicketBoardKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (customers is not null) return customers.Contains(key.CustomerId);
        return ownerId is null || key.ResponsibleId is null || key.ResponsibleId == ownerId;
    }
}

public static class TicketBoardFilterExtensions
{
    /// <summary>
    /// Whether a ticket with these fields passes the board filter (the SQL of the board, in memory). Null when memory cannot
    /// tell: a text search (it looks at fields a card does not carry) or "late only" when lateness is unknown.
    /// </summary>
    public static bool? Admits(this TicketBoardFilter filter, TicketBoardKey key, bool? late, string userId)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentNullException.ThrowIfNull(key);
        if (!string.IsNullOrWhiteSpace(filter.Text)) return null;
        if (filter.Mine && key.ResponsibleId != userId) return false;
        if (filter.Unassigned && key.ResponsibleId is not null) return false;
        if (filter.TypeId is int type && key.TypeId != type) return false;
        if (filter.Priority is { } priority && key.Priority != priority) return false;
        if (filter.CustomerId is int customer && key.CustomerId != customer) return false;
        if (filter.LateOnly) return late;
        return true;
    }
}

/// <summary>
/// A committed change of a ticket as the boards receive it: the event, the card as it is now (read once for all boards;
/// null when it no longer exists) and its board fields before the change (null for a new ticket).
/// </summary>
public sealed record TicketBoardChange(LiveChange Change, TicketCard? Card, TicketBoardKey? Before);

/// <summary>
/// The boards' side of the change feed. Every open board of a company used to re-read its columns on every change (N boards ×
/// queries per change); this singleton subscribes once per company, reads the changed card once, and hands the same
/// <see cref="TicketBoardChange"/> to every board, which places it in memory with its own user's scope and filter
/// (<see cref="TicketBoardModel.Apply"/>). Changes of a company are read and delivered in commit-publish order. It also
/// interns the cards boards load, so a thousand boards showing the same tickets hold one copy of each.
/// </summary>
public sealed class TicketBoardFeed(IChangeFeed feed, TicketService tickets, ILogger<TicketBoardFeed> logger) : IDisposable
{
    private readonly IChangeFeed changes = feed;
    private readonly ConcurrentDictionary<int, Company> companies = new();
    private readonly ConcurrentDictionary<long, TicketCard> cards = new();
    private const int MaxInterned = 50_000;

    /// <summary>Calls <paramref name="handler"/> with every ticket change of the company until disposed.</summary>
    public IDisposable Subscribe(int companyId, Func<TicketBoardChange, Task> handler)
    {
        ArgumentNullException.ThrowIfNull(handler);
        var company = companies.GetOrAdd(companyId, id => new Company(this, id));
        return company.Add(handler);
    }

    /// <summary>How many boards listen to a company on this server (diagnostics, tests).</summary>
    public int SubscriberCount(int companyId) => companies.TryGetValue(companyId, out var c) ? c.Count : 0;

    /// <summary>The shared instance of each card (same ticket, same version and lateness), so boards do not hold copies.</summary>
    public TicketBoard Intern(TicketBoard board)
    {
        ArgumentNullException.ThrowIfNull(board);
        return board with { Columns = board.Columns.Select(c => c with { Cards = c.Cards.Select(Intern).ToList() }).ToList() };
    }

    public TicketCard Intern(TicketCard card)
    {
        ArgumentNullException.ThrowIfNull(card);
        if (cards.TryGetValue(card.Id, out var known) && known == card) return known;
        if (cards.Count >= MaxInterned) cards.Clear();
        cards[card.Id] = card;
        return card;
    }

    public void Dispose()
    {
        foreach (var company in companies.Values) company.Dispose();
        companies.Clear();
    }

    private async Task DeliverAsync(Company company, LiveChange change)
    {
        if (!change.Kind.StartsWith("ticket.", StringComparison.Ordinal)) return;
        TicketCard? card;
        try
        {
            card = await tickets.BoardCardAsync(change.EntityId).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Reading ticket {Id} for the boards of company {Company} failed", change.EntityId, company.Id);
            return;
        }
        var shared = new TicketBoardChange(change, card is null ? null : Intern(card), TicketEvents.Before(change));
        var handlers = company.Handlers;
        // A board's handler runs inline when its circuit is idle (Blazor's InvokeAsync): the render happens on this thread.
        // One thread would render a thousand boards one after the other while the other cores wait, so the boards are split
        // into one slice per core, each delivered in order on its own thread; the next change waits for all slices, so
        // every board still sees the changes in commit order.
        var slices = Math.Min(Parallelism, (handlers.Length + MinSlice - 1) / MinSlice);
        if (slices <= 1)
        {
            await DeliverAsync(handlers, 0, handlers.Length, shared, company.Id).ConfigureAwait(false);
            return;
        }
        var size = (handlers.Length + slices - 1) / slices;
        var work = new Task[slices];
        for (var i = 0; i < slices; i++)
        {
            var start = i * size;
            var end = Math.Min(handlers.Length, start + size);
            work[i] = Task.Run(() => DeliverAsync(handlers, start, end, shared, company.Id));
        }
        await Task.WhenAll(work).ConfigureAwait(false);
    }

    /// <summary>Boards per slice below which one thread delivers alone (a thread hop costs more than a few renders).</summary>
    private const int MinSlice = 32;

    /// <summary>
    /// Boards a slice renders before it steps to the back of the thread pool's queue. The slices would otherwise hold every
    /// worker the pool runs (one per core) until the last board is rendered, and what sends the rendered batches to the
    /// browsers (the server's socket queues), the mover's HTTP answer and the browsers' acknowledgements would all wait
    /// behind them: measured at 1,000 boards, the first board received its change only after ~100 ms, when all were
    /// rendered. Yielding lets the sends run between chunks, so boards receive the change while the rest still render.
    /// </summary>
    private const int BoardsPerChunk = 16;

    private static readonly int Parallelism = Math.Max(1, Environment.ProcessorCount);

    private async Task DeliverAsync(ImmutableArray<Func<TicketBoardChange, Task>> handlers, int start, int end, TicketBoardChange shared, int companyId)
    {
        for (var i = start; i < end; i++)
        {
            if (i > start && (i - start) % BoardsPerChunk == 0) await Task.Yield();
            Task task;
            try { task = handlers[i](shared); }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A board of company {Company} failed on {Kind}", companyId, shared.Change.Kind);
                continue;
            }
            if (!task.IsCompleted) _ = ObserveAsync(task, companyId, shared.Change.Kind);
            else if (task.IsFaulted) logger.LogWarning(task.Exception, "A board of company {Company} failed on {Kind}", companyId, shared.Change.Kind);
        }
    }

    private async Task ObserveAsync(Task task, int companyId, string kind)
    {
        try { await task.ConfigureAwait(false); }
        catch (Exception ex) { logger.LogWarning(ex, "A board of company {Company} failed on {Kind}", companyId, kind); }
    }

    /// <summary>One company: one feed subscription, its boards, and a queue that keeps its changes in order.</summary>
    private sealed class Company : IDisposable
    {
        private readonly TicketBoardFeed owner;
        private readonly IDisposable subscription;
        private readonly SemaphoreSlim order = new(1, 1);
        private ImmutableArray<Func<TicketBoardChange, Task>> handlers = [];

        public Company(TicketBoardFeed owner, int id)
        {
            this.owner = owner;
            Id = id;
            subscription = owner.changes.Subscribe(LiveTopics.Tickets(id), OnChangeAsync);
        }

        public int Id { get; }
        public ImmutableArray<Func<TicketBoardChange, Task>> Handlers => handlers;
        public int Count => handlers.Length;

        public IDisposable Add(Func<TicketBoardChange, Task> handler)
        {
            ImmutableInterlocked.Update(ref handlers, list => list.Add(handler));
            return new Remover(this, handler);
        }

        private async Task OnChangeAsync(LiveChange change)
        {
            if (handlers.IsEmpty) return;
            await order.WaitAsync().ConfigureAwait(false);
            try { await owner.DeliverAsync(this, change).ConfigureAwait(false); }
            finally { order.Release(); }
        }

        public void Dispose()
        {
            subscription.Dispose();
            order.Dispose();
        }

        private sealed class Remover(Company company, Func<TicketBoardChange, Task> handler) : IDisposable
        {
            private int done;

            public void Dispose()
            {
                if (Interlocked.Exchange(ref done, 1) == 0) ImmutableInterlocked.Update(ref company.handlers, list => list.Remove(handler));
            }
        }
    }
}

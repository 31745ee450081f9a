using FoccoCrm.Core.Catalogs;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Persons;
using FoccoCrm.Core.Tickets;
using FoccoCrm.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using MudBlazor;
using ValidationException = FluentValidation.ValidationException;

namespace FoccoCrm.Web.Features.Tickets;

public partial class TicketForm
{
    [CascadingParameter] private CurrentUser User { get; set; } = default!;
    /// <summary>The ticket being edited; null for a new one.</summary>
    [Parameter] public TicketDetail? Ticket { get; set; }
    /// <summary>A new ticket's starting values (defaults of parameters 01/02, a preset customer).</summary>
    [Parameter] public TicketInput? Initial { get; set; }
    [Parameter] public bool ReadOnly { get; set; }
    [Parameter] public EventCallback<TicketRef> OnCreated { get; set; }
    /// <summary>After a successful edit, with the new version.</summary>
    [Parameter] public EventCallback<Guid> OnSaved { get; set; }

    private MudForm form = default!;
    private TicketInput input = new();
    private Guid version;
    private PersonRow? customer;
    private DateTime? callbackLocal;
    private IReadOnlyList<CatalogOption> types = [];
    private IReadOnlyList<CatalogOption> reasons = [];
    private IReadOnlyList<ContactRow> contacts = [];
    private IReadOnlyList<TicketUserOption> responsibles = [];
    private List<string> errors = [];
    private TicketDetail? conflict;
    private string? conflictMessage;
    private List<Difference> differences = [];
    private bool saving;
    private (long Id, Guid Version)? loaded;

    /// <summary>One field that differs between what is saved now (theirs) and the form (mine).</summary>
    private sealed record Difference(string LabelKey, string Theirs, string Mine, Action<TicketInput, TicketInput> Apply);

    protected override async Task OnParametersSetAsync()
    {
        // Reset only when the ticket given is another one or a newer save of it (never on a mere re-render).
        var key = (Ticket?.Id ?? 0, Ticket?.Version ?? Guid.Empty);
        if (loaded == key) return;
        loaded = key;
        input = Ticket?.ToInput() ?? (Initial ?? new TicketInput()) with { };
        version = Ticket?.Version ?? Guid.Empty;
        callbackLocal = input.CallbackAtUtc is { } cb ? TicketText.Local(User, cb) : null;
        var company = Ticket?.CompanyId ?? User.RequireCurrentCompany();
        types = await Types.ListActiveAsync(User);
        responsibles = await Tickets.ResponsiblesAsync(User, company);
        if (Ticket is not null)
        {
            // Keep what the ticket has even if it is no longer offered (inactive type, responsible without access).
            if (types.All(t => t.Id != Ticket.TypeId)) types = [.. types, new CatalogOption(Ticket.TypeId, 0, Ticket.TypeName)];
            if (Ticket.ResponsibleId is { } rid && responsibles.All(r => r.Id != rid)) responsibles = [.. responsibles, new TicketUserOption(rid, Ticket.ResponsibleName ?? rid)];
        }
        await LoadReasonsAsync();
        if (input.CustomerId > 0)
        {
            try { customer = await Persons.GetAsync(User, input.CustomerId); }
            catch (NotFoundException) { customer = null; }
            contacts = await Contacts.ListAsync(User, input.CustomerId);
        }
    }

    private async Task LoadReasonsAsync()
    {
        reasons = input.TypeId > 0 ? await Reasons.ListActiveAsync(User, input.TypeId) : [];
        if (Ticket is not null && input.TypeId == Ticket.TypeId && reasons.All(r => r.Id != Ticket.ReasonId))
            reasons = [.. reasons, new CatalogOption(Ticket.ReasonId, 0, Ticket.ReasonName)];
    }

    private async Task CustomerChangedAsync(PersonRow? value)
    {
        customer = value;
        input.CustomerId = value?.Id ?? 0;
        input.ContactId = null;
        contacts = value is null ? [] : await Contacts.ListAsync(User, value.Id);
    }

    private async Task TypeChangedAsync(int? typeId)
    {
        input.TypeId = typeId ?? 0;
        input.ReasonId = 0;
        await LoadReasonsAsync();
    }

    private void CallbackChanged(bool value)
    {
        input.ScheduledCallback = value;
        if (!value) callbackLocal = null;
    }

    private async Task SaveAsync()
    {
        input.CallbackAtUtc = input.ScheduledCallback && callbackLocal is { } local ? TicketText.Utc(User, local) : null;
        await form.ValidateAsync();
        if (!form.IsValid || input.CustomerId == 0)
        {
            if (input.CustomerId == 0) errors = [TicketMessages.TicketCustomerRequired];
            return;
        }
        saving = true;
        errors = [];
        try
        {
            if (Ticket is null)
            {
                var created = await Tickets.CreateAsync(User, User.RequireCurrentCompany(), input);
                await OnCreated.InvokeAsync(created);
            }
            else
            {
                version = await Tickets.UpdateAsync(User, Ticket.Id, input, version);
                conflict = null;
                await OnSaved.InvokeAsync(version);
            }
        }
        catch (ValidationException ex) { errors = FormValidation.Messages(ex).ToList(); }
        catch (ConcurrencyConflictException ex) when (ex.Current is TicketDetail theirs) { ShowConflict(theirs, ex.Message); }
        catch (Exception ex) when (ex is BusinessRuleException or ForbiddenException or NotFoundException or ConcurrencyConflictException) { errors = [ex.Message]; }
        finally { saving = false; }
    }

    private void ShowConflict(TicketDetail theirs, string message)
    {
        conflict = theirs;
        conflictMessage = message;
        var t = theirs.ToInput();
        differences = [];
        void Add(string key, bool differs, string theirsText, string mineText, Action<TicketInput, TicketInput> apply)
        {
            if (differs) differences.Add(new Difference(key, theirsText, mineText, apply));
        }
        Add("Tickets_Customer", t.CustomerId != input.CustomerId, theirs.CustomerName, customer?.Name ?? "", (m, o) => { m.CustomerId = o.CustomerId; m.ContactId = o.ContactId; });
        Add("Tickets_Contact", t.ContactId != input.ContactId, theirs.ContactName ?? "—", contacts.FirstOrDefault(c => c.Id == input.ContactId)?.Name ?? "—", (m, o) => m.ContactId = o.ContactId);
        Add("Tickets_Type", t.TypeId != input.TypeId, theirs.TypeName, types.FirstOrDefault(x => x.Id == input.TypeId)?.Description ?? "", (m, o) => { m.TypeId = o.TypeId; m.ReasonId = o.ReasonId; });
        Add("Tickets_Reason", t.ReasonId != input.ReasonId, theirs.ReasonName, reasons.FirstOrDefault(x => x.Id == input.ReasonId)?.Description ?? "", (m, o) => m.ReasonId = o.ReasonId);
        Add("Tickets_Origin", t.Origin != input.Origin, L[TicketText.OriginKey(t.Origin)], L[TicketText.OriginKey(input.Origin)], (m, o) => m.Origin = o.Origin);
        Add("Tickets_Priority", t.Priority != input.Priority, L[TicketText.PriorityKey(t.Priority)], L[TicketText.PriorityKey(input.Priority)], (m, o) => m.Priority = o.Priority);
        Add("Tickets_Responsible", t.ResponsibleId != input.ResponsibleId, theirs.ResponsibleName ?? "—", responsibles.FirstOrDefault(r => r.Id == input.ResponsibleId)?.Name ?? "—", (m, o) => m.ResponsibleId = o.ResponsibleId);
        Add("Tickets_Situation", t.Situation != input.Situation.Trim(), t.Situation, input.Situation, (m, o) => m.Situation = o.Situation);
        Add("Tickets_ScheduledCallback", t.ScheduledCallback != input.ScheduledCallback || t.CallbackAtUtc != input.CallbackAtUtc,
            t.ScheduledCallback ? TicketText.When(User, t.CallbackAtUtc) : L["Tickets_No"], input.ScheduledCallback ? TicketText.When(User, input.CallbackAtUtc) : L["Tickets_No"],
            (m, o) => { m.ScheduledCallback = o.ScheduledCallback; m.CallbackAtUtc = o.CallbackAtUtc; });
    }

    private async Task UseTheirsFor(Difference d)
    {
        d.Apply(input, conflict!.ToInput());
        differences.Remove(d);
        await AfterChoiceAsync();
    }

    private async Task UseTheirs()
    {
        var theirs = conflict!.ToInput();
        foreach (var d in differences) d.Apply(input, theirs);
        differences = [];
        await AfterChoiceAsync();
    }

    /// <summary>Keeps every value of the form and saves it over theirs (knowingly, with their version).</summary>
    private async Task KeepMine()
    {
        version = conflict!.Version;
        conflict = null;
        errors = [];
        await SaveAsync();
    }

    /// <summary>Once a choice is made the form holds their version: saving again applies what the user kept.</summary>
    private async Task AfterChoiceAsync()
    {
        version = conflict!.Version;
        callbackLocal = input.CallbackAtUtc is { } cb ? TicketText.Local(User, cb) : null;
        if (input.CustomerId != customer?.Id)
        {
            customer = input.CustomerId > 0 ? await Persons.GetAsync(User, input.CustomerId) : null;
            contacts = input.CustomerId > 0 ? await Contacts.ListAsync(User, input.CustomerId) : [];
        }
        await LoadReasonsAsync();
        if (differences.Count == 0) { conflict = null; errors = []; }
    }
}

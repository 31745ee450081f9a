using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Persons;

/// <summary>A contact as files and /api bring it: the person by its ERP code, the contact type by its code (FCLI0103).</summary>
public sealed record ContactImportInput
{
    public string PersonExternalCode { get; set; } = "";
    public string Name { get; set; } = "";
    public int ContactTypeCode { get; set; }
    public string? Department { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Mobile { get; set; }
    public DateOnly? BirthDate { get; set; }
    public bool IsActive { get; set; } = true;

    public ContactInput ToContactInput(int contactTypeId) => new()
    {
        Name = Name, ContactTypeId = contactTypeId, Department = Department, Email = Email, Phone = Phone, Mobile = Mobile,
        BirthDate = BirthDate, IsActive = IsActive,
    };
}

/// <summary>The same rules as <see cref="ContactInputValidator"/>, plus the person's code and the type's code.</summary>
public sealed class ContactImportInputValidator : AbstractValidator<ContactImportInput>
{
    public ContactImportInputValidator()
    {
        RuleFor(x => x.PersonExternalCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_PersonExternalCode);
        RuleFor(x => x.Name).NotEmpty().MaximumLength(120).WithName(_ => Messages.Field_Name);
        RuleFor(x => x.ContactTypeCode).GreaterThan(0).WithMessage(_ => Messages.ContactTypeRequired);
        RuleFor(x => x.Email).EmailAddress().WithMessage(_ => Messages.InvalidEmail).MaximumLength(254)
            .When(x => !string.IsNullOrWhiteSpace(x.Email));
        RuleFor(x => x.Department).MaximumLength(80);
        RuleFor(x => x.Phone).MaximumLength(30);
        RuleFor(x => x.Mobile).MaximumLength(30);
    }
}

/// <summary>
/// Contacts: the person by ExternalCode (must exist), the contact within the person by name (case ignored): new names
/// are added, known ones updated with the file's columns. New contacts or a changed type need an active contact type.
/// </summary>
public sealed class ContactImportTarget(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<ContactImportInput> validator)
    : ImportTarget<ContactImportInput>(dbFactory, validator)
{
    public override string Name => "contacts";
    public override string Title => Messages.Import_Contacts;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(nameof(ContactImportInput.PersonExternalCode), () => Messages.Field_PersonExternalCode, Required: true, Key: true, "Código pessoa", "Código cliente", "Cód. cliente", "Código", "Person code", "Customer code"),
        new(nameof(ContactImportInput.Name), () => Messages.Field_ContactName, Required: true, Key: true, "Nome", "Contato", "Nome do contato", "Name", "Contact"),
        new(nameof(ContactImportInput.ContactTypeCode), () => Messages.Field_ContactTypeCode, Required: true, Key: false, "Tipo", "Tipo contato", "Tipo de contato", "Cód. tipo", "Type", "Contact type"),
        new(nameof(ContactImportInput.Department), () => Messages.Field_Department, false, false, "Departamento", "Setor", "Department"),
        new(nameof(ContactImportInput.Email), () => Messages.Field_Email, false, false, "E-mail", "Email"),
        new(nameof(ContactImportInput.Phone), () => Messages.Field_Phone, false, false, "Telefone", "Fone", "Phone"),
        new(nameof(ContactImportInput.Mobile), () => Messages.Field_Mobile, false, false, "Celular", "Mobile"),
        new(nameof(ContactImportInput.BirthDate), () => Messages.Field_BirthDate, false, false, "Nascimento", "Data de nascimento", "Aniversário", "Birth date", "Birthday"),
        new(nameof(ContactImportInput.IsActive), () => Messages.Field_Active, false, false, "Ativo", "Situação", "Active"),
    ];

    protected override async Task<ImportPlan> PrepareAsync(FoccoDbContext db, CurrentUser user, IReadOnlyList<ImportItem<ContactImportInput>> items, ImportErrors errors,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        var types = await db.ContactTypes.AsNoTracking().Select(t => new { t.Id, t.Code, t.IsActive }).ToListAsync(ct);
        var typeByCode = types.ToDictionary(t => t.Code);
        var codeOfType = types.ToDictionary(t => t.Id, t => t.Code);

        var personIds = new Dictionary<string, int>();
        await using (var codes = await ImportKeys.CreateAsync(db, items.Select(i => Person.Clean(i.Input.PersonExternalCode)).OfType<string>(), ct))
            foreach (var p in await codes.Matching(db.Persons, nameof(Person.ExternalCode)).AsNoTracking().Select(p => new { p.Id, p.ExternalCode }).ToListAsync(ct))
                personIds[p.ExternalCode!] = p.Id;
        var contacts = new Dictionary<(int, string), Contact>();
        foreach (var chunk in Chunks(personIds.Values))
            foreach (var c in await db.Contacts.AsNoTracking().Where(c => chunk.Contains(c.PersonId)).OrderBy(c => c.Id).ToListAsync(ct))
                contacts.TryAdd((c.PersonId, c.Name.Trim().ToLowerInvariant()), c);

        var plan = new ContactImportPlan();
        var firstLine = new Dictionary<(int, string), int>();
        for (var n = 0; n < items.Count; n++)
        {
            var item = items[n];
            Report(progress, ImportStage.Validating, n + 1, items.Count);
            var code = Person.Clean(item.Input.PersonExternalCode);
            if (code is null || !personIds.TryGetValue(code, out var personId))
            {
                if (!errors.HasErrors(item.Line, nameof(ContactImportInput.PersonExternalCode))) errors.Add(item.Line, nameof(ContactImportInput.PersonExternalCode),
                    code is null ? Messages.Format(nameof(Messages.ImportValueRequired), Messages.Field_PersonExternalCode) : Messages.Format(nameof(Messages.ImportPersonNotFound), code));
                continue;
            }
            var key = (personId, item.Input.Name.Trim().ToLowerInvariant());
            if (firstLine.TryGetValue(key, out var first))
            {
                errors.Add(item.Line, nameof(ContactImportInput.Name), Messages.Format(nameof(Messages.ImportDuplicateInFile), first));
                continue;
            }
            firstLine[key] = item.Line;
            var current = contacts.GetValueOrDefault(key);
            var input = current is null ? item.Input : Merge(ToInput(current, code, codeOfType), item);
            Validate(item.Line, input, errors);
            if (errors.HasErrors(item.Line)) continue;
            if (!typeByCode.TryGetValue(input.ContactTypeCode, out var type))
            {
                errors.Add(item.Line, nameof(ContactImportInput.ContactTypeCode), Messages.Format(nameof(Messages.ImportContactTypeUnknown), input.ContactTypeCode));
                continue;
            }
            if (!type.IsActive && (current is null || current.ContactTypeId != type.Id))
            {
                errors.Add(item.Line, nameof(ContactImportInput.ContactTypeCode), Messages.Format(nameof(Messages.ImportContactTypeInactive), input.ContactTypeCode));
                continue;
            }
            plan.Add(personId, current, input.ToContactInput(type.Id));
        }
        return plan;
    }

    private static ContactImportInput ToInput(Contact c, string personCode, Dictionary<int, int> codeOfType) => new()
    {
        PersonExternalCode = personCode, Name = c.Name, ContactTypeCode = codeOfType.GetValueOrDefault(c.ContactTypeId), Department = c.Department,
        Email = c.Email, Phone = c.Phone, Mobile = c.Mobile, BirthDate = c.BirthDate, IsActive = c.IsActive,
    };

    private sealed class ContactImportPlan : ImportPlan
    {
        private readonly List<Contact> _inserts = [];
        private readonly List<Contact> _updates = [];

        public void Add(int personId, Contact? existing, ContactInput input)
        {
            if (existing is null) { _inserts.Add(Contact.Create(personId, input)); Inserted++; }
            else { existing.Apply(input); _updates.Add(existing); Updated++; }
        }

        public override async Task WriteAsync(FoccoDbContext db, IProgress<ImportProgress>? progress, CancellationToken ct)
        {
            var total = _inserts.Count + _updates.Count;
            var writer = new SqliteBulkWriter<Contact>(db);
            await writer.UpdateAsync(_updates, n => progress?.Report(new ImportProgress(ImportStage.Writing, n, total)), ct);
            await writer.InsertAsync(_inserts, n => progress?.Report(new ImportProgress(ImportStage.Writing, _updates.Count + n, total)), ct);
        }
    }
}

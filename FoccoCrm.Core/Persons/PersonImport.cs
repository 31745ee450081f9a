using FluentValidation;
using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using FoccoCrm.Core.Import;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Persons;

/// <summary>
/// Persons by ExternalCode (the ERP code, required here): new codes are inserted, known ones updated with the columns the
/// file has (unmapped columns keep their values). Documents must be unique in the file and against other persons.
/// </summary>
public sealed class PersonImportTarget(IDbContextFactory<FoccoDbContext> dbFactory, IValidator<PersonInput> validator, TimeProvider clock)
    : ImportTarget<PersonInput>(dbFactory, validator)
{
    public override string Name => "persons";
    public override string Title => Messages.Import_Persons;

    public override IReadOnlyList<ImportField> Fields { get; } =
    [
        new(nameof(PersonInput.ExternalCode), () => Messages.Field_ExternalCode, Required: true, Key: true, "Código", "Cód", "Cod", "Código ERP", "Código externo", "Código cliente", "Cód. cliente", "Code", "External code", "ERP code"),
        new(nameof(PersonInput.Document), () => Messages.Field_Document, false, false, "CNPJ/CPF", "CPF/CNPJ", "CNPJ", "CPF", "Documento", "CNPJ CPF", "Document"),
        new(nameof(PersonInput.Name), () => Messages.Field_Name, Required: true, Key: false, "Razão social", "Nome", "Nome/Razão social", "Razão social/Nome", "Name", "Company name"),
        new(nameof(PersonInput.TradeName), () => Messages.Field_TradeName, false, false, "Nome fantasia", "Fantasia", "Trade name"),
        new(nameof(PersonInput.Type), () => Messages.Field_PersonType, false, false, "Tipo", "Tipo pessoa", "Tipo de pessoa", "F/J", "PF/PJ", "Type", "Person type"),
        new(nameof(PersonInput.Roles), () => Messages.Field_Roles, false, false, "Papéis", "Papel", "Tipo cadastro", "Roles"),
        new(nameof(PersonInput.IsForeign), () => Messages.Field_Foreign, false, false, "Estrangeiro", "Exterior", "Foreign"),
        new(nameof(PersonInput.Email), () => Messages.Field_Email, false, false, "E-mail", "Email"),
        new(nameof(PersonInput.SecondaryEmail), () => Messages.Field_SecondaryEmail, false, false, "E-mail 2", "E-mail secundário", "E-mail NF-e", "Secondary e-mail"),
        new(nameof(PersonInput.Phone), () => Messages.Field_Phone, false, false, "Telefone", "Fone", "Phone"),
        new(nameof(PersonInput.Mobile), () => Messages.Field_Mobile, false, false, "Celular", "Mobile"),
        new(nameof(PersonInput.Street), () => Messages.Field_Street, false, false, "Endereço", "Logradouro", "Rua", "Address", "Street"),
        new(nameof(PersonInput.Number), () => Messages.Field_Number, false, false, "Número", "Nº", "Num", "Nro", "Number"),
        new(nameof(PersonInput.Complement), () => Messages.Field_Complement, false, false, "Complemento", "Complement"),
        new(nameof(PersonInput.District), () => Messages.Field_District, false, false, "Bairro", "District"),
        new(nameof(PersonInput.City), () => Messages.Field_City, false, false, "Cidade", "Município", "City"),
        new(nameof(PersonInput.State), () => Messages.Field_State, false, false, "UF", "Estado", "State"),
        new(nameof(PersonInput.ZipCode), () => Messages.Field_ZipCode, false, false, "CEP", "Zip", "Zip code"),
        new(nameof(PersonInput.Country), () => Messages.Field_Country, false, false, "País", "Country"),
        new(nameof(PersonInput.IsActive), () => Messages.Field_Active, false, false, "Ativo", "Situação", "Active"),
    ];

    protected override bool TryParse(ImportField field, Type type, string text, out object? value)
    {
        if (field.Name == nameof(PersonInput.Type)) { var ok = TryType(text, out var t); value = t; return ok; }
        if (field.Name == nameof(PersonInput.Roles)) { var ok = TryRoles(text, out var r); value = r; return ok; }
        if (field.Name == nameof(PersonInput.Document)) { value = RestoreLeadingZeros(text, 11, 14); return true; }
        if (field.Name == nameof(PersonInput.ZipCode)) { value = RestoreLeadingZeros(text, 8); return true; }
        return base.TryParse(field, type, text, out value);
    }

    /// <summary>
    /// Spreadsheets store CPF, CNPJ and CEP typed as numbers without their leading zeros ("1310100" for 01310-100):
    /// a digits-only value a little shorter than a known length gets them back (check digits still decide).
    /// </summary>
    public static string RestoreLeadingZeros(string text, params int[] lengths)
    {
        if (!text.All(char.IsAsciiDigit)) return text;
        foreach (var length in lengths)
            if (text.Length < length && text.Length >= length - 3) return text.PadLeft(length, '0');
        return text;
    }

    /// <summary>F/PF/Física/Individual/0 or J/PJ/Jurídica/Legal/1.</summary>
    public static bool TryType(string text, out PersonType type)
    {
        switch (ImportValues.Fold(text))
        {
            case "f" or "pf" or "fisica" or "pessoafisica" or "individual" or "0": type = PersonType.Individual; return true;
            case "j" or "pj" or "juridica" or "pessoajuridica" or "legal" or "1": type = PersonType.Legal; return true;
            default: type = PersonType.Legal; return false;
        }
    }

    /// <summary>"Cliente, Fornecedor" (pt-BR or English names, separated by , ; | / +) or the flags number.</summary>
    public static bool TryRoles(string text, out PersonRoles roles)
    {
        roles = PersonRoles.None;
        if (int.TryParse(text, out var n)) { roles = (PersonRoles)n; return n > 0 && n < 64; }
        foreach (var part in text.Split([',', ';', '|', '/', '+'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            PersonRoles? r = ImportValues.Fold(part) switch
            {
                "cliente" or "customer" or "c" => PersonRoles.Customer,
                "representante" or "representative" or "r" => PersonRoles.Representative,
                "fornecedor" or "supplier" or "f" => PersonRoles.Supplier,
                "funcionario" or "colaborador" or "employee" or "e" => PersonRoles.Employee,
                "usuario" or "user" or "u" => PersonRoles.User,
                "consumidor" or "consumer" => PersonRoles.Consumer,
                _ => null,
            };
            if (r is null) return false;
            roles |= r.Value;
        }
        return roles != PersonRoles.None;
    }

    protected override void Complete(PersonInput input, IReadOnlySet<string> provided)
    {
        // Without a type column: 11 digits is a CPF, anything else a CNPJ.
        if (!provided.Contains(nameof(PersonInput.Type)))
            input.Type = Cpf.Normalize(input.Document).Length == 11 && !Cnpj.IsValid(input.Document) ? PersonType.Individual : PersonType.Legal;
    }

    protected override async Task<ImportPlan> PrepareAsync(FoccoDbContext db, CurrentUser user, IReadOnlyList<ImportItem<PersonInput>> items, ImportErrors errors,
        IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        // Existing persons of the file's codes, and owners of its documents: a few chunked queries, then dictionaries.
        var existing = new Dictionary<string, Person>();
        await using (var codes = await ImportKeys.CreateAsync(db, items.Select(i => Person.Clean(i.Input.ExternalCode)).OfType<string>(), ct))
            foreach (var p in await codes.Matching(db.Persons, nameof(Person.ExternalCode)).AsNoTracking().ToListAsync(ct))
                existing[p.ExternalCode!] = p;

        var plan = new PersonImportPlan(clock.GetUtcNow().UtcDateTime);
        var firstLineOfCode = new Dictionary<string, int>(items.Count);
        var firstLineOfDocument = new Dictionary<string, int>(items.Count);
        var documentOf = new List<(ImportItem<PersonInput> Item, PersonInput Input, Person? Existing, string Document)>(items.Count);
        for (var n = 0; n < items.Count; n++)
        {
            var item = items[n];
            Report(progress, ImportStage.Validating, n + 1, items.Count);
            var code = Person.Clean(item.Input.ExternalCode);
            if (code is null)
            {
                if (!errors.HasErrors(item.Line)) errors.Add(item.Line, nameof(PersonInput.ExternalCode), Messages.Format(nameof(Messages.ImportValueRequired), Messages.Field_ExternalCode));
                continue;
            }
            if (firstLineOfCode.TryGetValue(code, out var first))
            {
                errors.Add(item.Line, nameof(PersonInput.ExternalCode), Messages.Format(nameof(Messages.ImportDuplicateInFile), first));
                continue;
            }
            firstLineOfCode[code] = item.Line;
            var current = existing.GetValueOrDefault(code);
            var input = current is null ? item.Input : Merge(ToInput(current), item);
            Validate(item.Line, input, errors);
            if (errors.HasErrors(item.Line)) continue;
            var document = PersonDocuments.Normalize(input.Type, input.Document);
            if (document.Length > 0)
            {
                if (firstLineOfDocument.TryGetValue(document, out var firstDoc))
                {
                    errors.Add(item.Line, nameof(PersonInput.Document), Messages.Format(nameof(Messages.ImportDuplicateInFile), firstDoc));
                    continue;
                }
                firstLineOfDocument[document] = item.Line;
            }
            documentOf.Add((item, input, current, document));
        }

        // Documents already used by another person.
        var owners = new Dictionary<string, List<int>>();
        await using (var documents = await ImportKeys.CreateAsync(db, firstLineOfDocument.Keys, ct))
            foreach (var o in await documents.Matching(db.Persons, nameof(Person.Document)).AsNoTracking().Select(p => new { p.Id, p.Document }).ToListAsync(ct))
                (owners.TryGetValue(o.Document, out var ids) ? ids : owners[o.Document] = []).Add(o.Id);
        foreach (var (item, input, current, document) in documentOf)
        {
            if (document.Length > 0 && owners.TryGetValue(document, out var ids) && ids.Any(id => id != current?.Id))
            {
                errors.Add(item.Line, nameof(PersonInput.Document), Messages.PersonDocumentTaken);
                continue;
            }
            plan.Add(current, input);
        }
        return plan;
    }

    private static PersonInput ToInput(Person p) => new()
    {
        Type = p.Type, Roles = p.Roles, IsForeign = p.IsForeign, Document = p.Document, Name = p.Name, TradeName = p.TradeName,
        Email = p.Email, SecondaryEmail = p.SecondaryEmail, Phone = p.Phone, Mobile = p.Mobile, Street = p.Street, Number = p.Number,
        Complement = p.Complement, District = p.District, City = p.City, State = p.State, ZipCode = p.ZipCode, Country = p.Country,
        ExternalCode = p.ExternalCode, IsActive = p.IsActive,
    };

    /// <summary>Updates then inserts with <see cref="SqliteBulkWriter{T}"/> (prepared commands; updates check the version read).</summary>
    private sealed class PersonImportPlan(DateTime nowUtc) : ImportPlan
    {
        private readonly List<Person> _inserts = [];
        private readonly List<Person> _updates = [];

        public void Add(Person? existing, PersonInput input)
        {
            if (existing is null) { _inserts.Add(Person.Create(input, nowUtc)); Inserted++; }
            else { existing.Apply(input); _updates.Add(existing); Updated++; }
        }

        public override async Task WriteAsync(FoccoDbContext db, IProgress<ImportProgress>? progress, CancellationToken ct)
        {
            var total = _inserts.Count + _updates.Count;
            var writer = new SqliteBulkWriter<Person>(db);
            async Task Write()
            {
                await writer.UpdateAsync(_updates, n => progress?.Report(new ImportProgress(ImportStage.Writing, n, total)), ct);
                await writer.InsertAsync(_inserts, n => progress?.Report(new ImportProgress(ImportStage.Writing, _updates.Count + n, total)), ct);
            }
            // Large files: search index and counts maintained set-based after the write instead of row by row.
            if (total >= PersonListSchema.BulkThreshold) await PersonListSchema.BulkWriteAsync(db, _updates.Select(p => p.Id).ToList(), Write, ct);
            else await Write();
        }
    }
}

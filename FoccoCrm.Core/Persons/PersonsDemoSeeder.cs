using FoccoCrm.Core.Common;
using FoccoCrm.Core.Demo;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace FoccoCrm.Core.Persons;

/// <summary>
/// About 300 persons: customers (mostly legal entities), 3 representatives (the first one is the representative login's person),
/// suppliers, employees and 20 consumers; contacts for customers; and ~30 customers assigned to the demo representative in company 01.
/// </summary>
public sealed class PersonsDemoSeeder : IDemoSeeder
{
    public const string RepresentativeLogin = "representante@foccocrm.demo";
    public int Order => 20;

    public async Task SeedAsync(DemoSeedContext context, CancellationToken ct)
    {
        var db = context.Db;
        var f = context.Faker;
        var now = context.Clock.GetUtcNow().UtcDateTime;
        var contactTypes = await db.ContactTypes.Where(t => t.IsActive).OrderBy(t => t.Code).Select(t => t.Id).ToListAsync(ct);
        var usedDocs = new HashSet<string>();
        var n = 0;

        PersonInput Make(PersonType type, PersonRoles roles)
        {
            n++;
            string doc;
            do
            {
                doc = type == PersonType.Legal
                    ? Cnpj.WithCheckDigits(f.Random.ReplaceNumbers("########") + "0001")
                    : Cpf.WithCheckDigits(f.Random.ReplaceNumbers("#########"));
            } while (!usedDocs.Add(doc) || !PersonDocuments.IsValid(type, doc));
            // Bogus' pt_BR company names join surnames with the English "and".
            var name = type == PersonType.Legal ? LegalName(f.Company.CompanyName().Replace(" and ", " e "), f.PickRandom("Ltda.", "S.A.", "ME", "EIRELI")) : f.Name.FullName();
            return new PersonInput
            {
                Type = type, Roles = roles, Document = doc, Name = name,
                TradeName = type == PersonType.Legal ? f.Company.CompanyName(0) : null,
                Email = f.Internet.Email(name.Split(' ')[0]).ToLowerInvariant(), Phone = f.Phone.PhoneNumber("(##) ####-####"),
                Mobile = f.Phone.PhoneNumber("(##) 9####-####"), Street = f.Address.StreetName(), Number = f.Random.Int(1, 3000).ToString(),
                District = f.PickRandom("Centro", "Jardim América", "Vila Nova", "Industrial", "São José", "Boa Vista"),
                City = f.Address.City(), State = f.PickRandom(States.All.ToArray()), ZipCode = f.Random.ReplaceNumbers("########"),
                ExternalCode = roles.HasFlag(PersonRoles.Consumer) ? null : "ERP" + n.ToString("D6"),
            };
        }

        var persons = new List<(Person P, PersonRoles R)>();
        void Add(PersonType type, PersonRoles roles, int count)
        {
            for (var i = 0; i < count; i++) { var p = Person.Create(Make(type, roles), now); persons.Add((p, roles)); db.Persons.Add(p); }
        }
        Add(PersonType.Individual, PersonRoles.Representative, 3);
        Add(PersonType.Legal, PersonRoles.Customer, 210);
        Add(PersonType.Individual, PersonRoles.Customer, 30);
        Add(PersonType.Legal, PersonRoles.Supplier, 20);
        Add(PersonType.Legal, PersonRoles.Customer | PersonRoles.Supplier, 5);
        Add(PersonType.Individual, PersonRoles.Employee, 12);
        Add(PersonType.Individual, PersonRoles.Consumer, 20);
        await db.SaveChangesAsync(ct);

        var customers = persons.Where(x => x.R.HasFlag(PersonRoles.Customer)).Select(x => x.P).ToList();
        foreach (var c in customers)
        {
            for (var i = f.Random.Int(1, 3); i > 0; i--)
                db.Contacts.Add(Contact.Create(c.Id, new ContactInput
                {
                    Name = f.Name.FullName(), ContactTypeId = f.PickRandom(contactTypes), Department = f.PickRandom("Compras", "Financeiro", "Comercial", "Diretoria", "Logística"),
                    Email = f.Internet.Email().ToLowerInvariant(), Phone = f.Phone.PhoneNumber("(##) ####-####"),
                    BirthDate = f.Random.Bool(0.4f) ? DateOnly.FromDateTime(f.Date.Past(40, new DateTime(2005, 1, 1))) : null,
                }));
        }
        var reps = persons.Where(x => x.R == PersonRoles.Representative).Select(x => x.P).ToList();
        var repType = contactTypes.Count >= 3 ? contactTypes[2] : contactTypes.FirstOrDefault();
        if (repType > 0)
            foreach (var r in reps)
                db.Contacts.Add(Contact.Create(r.Id, new ContactInput { Name = r.Name, ContactTypeId = repType, Email = r.Email, Mobile = r.Mobile }));

        if (context.Items.TryGetValue("companies", out var ids) && ids is int[] companies && companies.Length > 0)
        {
            var shuffled = customers.OrderBy(_ => f.Random.Int()).ToList();
            for (var i = 0; i < shuffled.Count && i < 90; i++)
                db.CustomerRepresentatives.Add(CustomerRepresentative.Create(companies[0], shuffled[i].Id, reps[i < 30 ? 0 : i < 60 ? 1 : 2].Id));
            if (companies.Length > 1)
                for (var i = 90; i < shuffled.Count && i < 120; i++)
                    db.CustomerRepresentatives.Add(CustomerRepresentative.Create(companies[1], shuffled[i].Id, reps[1].Id));
        }
        var login = await db.Users.FirstOrDefaultAsync(u => u.Email == RepresentativeLogin, ct);
        if (login is not null) login.PersonId = reps[0].Id;
        await db.SaveChangesAsync(ct);
        context.Items["persons"] = persons.Select(x => x.P.Id).ToArray();
        context.Logger.LogInformation("Demo data: {Persons} persons created", persons.Count);
    }

    /// <summary>Bogus' pt_BR company names sometimes carry a legal suffix already ("Batista S.A."): add one only when missing.</summary>
    private static string LegalName(string name, string suffix)
    {
        string[] known = [" S.A.", " LTDA", " Ltda.", " EIRELI", " ME", " e Associados"];
        return known.Any(k => name.EndsWith(k, StringComparison.OrdinalIgnoreCase)) ? name : $"{name} {suffix}";
    }
}

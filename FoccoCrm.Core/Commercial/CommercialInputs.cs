using FluentValidation;
using FoccoCrm.Core.Common;

namespace FoccoCrm.Core.Commercial;

/// <summary>A product as the ERP sends it (import, API); upserted by <see cref="Code"/> within the company.</summary>
public sealed record ProductInput
{
    public string Code { get; set; } = "";
    public string Description { get; set; } = "";
    public string Unit { get; set; } = "UN";
    public string? Group { get; set; }
    public decimal Price { get; set; }
    public bool IsActive { get; set; } = true;
}

/// <summary>A line of a quote, order or invoice: the product by its ERP code.</summary>
public sealed record DocumentItemInput
{
    public string ProductCode { get; set; } = "";
    public decimal Quantity { get; set; } = 1;
    public decimal UnitPrice { get; set; }
}

/// <summary>What every document input has: its ERP number, the customer (person's ERP code), the issue date and items.</summary>
public abstract record DocumentInput
{
    public string ExternalCode { get; set; } = "";
    public string CustomerCode { get; set; } = "";
    public DateOnly IssueDate { get; set; }
    public List<DocumentItemInput> Items { get; set; } = [];
}

public sealed record QuoteInput : DocumentInput
{
    public DateOnly? ValidUntil { get; set; }
}

public sealed record SalesOrderInput : DocumentInput
{
    public DateOnly? DeliveryDate { get; set; }
}

public sealed record InvoiceInput : DocumentInput
{
    public int Number { get; set; }
    public string Series { get; set; } = "1";
    public string? AccessKey { get; set; }
    /// <summary>The sales order (its ExternalCode) this invoice bills, when known.</summary>
    public string? OrderCode { get; set; }
}

/// <summary>An installment of a receivable; upserted by (Document, Installment) within the company.</summary>
public sealed record ReceivableInput
{
    public string Document { get; set; } = "";
    public int Installment { get; set; } = 1;
    public string CustomerCode { get; set; } = "";
    public DateOnly IssueDate { get; set; }
    public DateOnly DueDate { get; set; }
    public decimal Amount { get; set; }
    public decimal PaidAmount { get; set; }
    public DateOnly? PaidDate { get; set; }
}

public sealed record ContractInput
{
    public string ExternalCode { get; set; } = "";
    public string CustomerCode { get; set; } = "";
    /// <summary>The contracted product's code, when it is a product of the catalog.</summary>
    public string? ProductCode { get; set; }
    public string Description { get; set; } = "";
    public DateOnly StartDate { get; set; }
    public DateOnly? EndDate { get; set; }
    public decimal Value { get; set; }
    public ContractStatus Status { get; set; } = ContractStatus.Active;
}


public sealed class ProductInputValidator : AbstractValidator<ProductInput>
{
    public ProductInputValidator()
    {
        RuleFor(x => x.Code).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Code);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(200).WithName(_ => Messages.Field_Description);
        RuleFor(x => x.Unit).NotEmpty().MaximumLength(6).WithName(_ => Messages.Field_Unit);
        RuleFor(x => x.Group).MaximumLength(80);
        RuleFor(x => x.Price).GreaterThanOrEqualTo(0).WithName(_ => Messages.Field_Price);
    }
}

public sealed class DocumentItemInputValidator : AbstractValidator<DocumentItemInput>
{
    public DocumentItemInputValidator()
    {
        RuleFor(x => x.ProductCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Product);
        RuleFor(x => x.Quantity).GreaterThan(0).WithName(_ => Messages.Field_Quantity);
        RuleFor(x => x.UnitPrice).GreaterThanOrEqualTo(0).WithName(_ => Messages.Field_Price);
    }
}

internal static class DocumentRules
{
    public static void AddHeaderRules<T>(AbstractValidator<T> v) where T : DocumentInput
    {
        v.RuleFor(x => x.ExternalCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Code);
        v.RuleFor(x => x.CustomerCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Customer);
        v.RuleFor(x => x.IssueDate).NotEmpty().WithName(_ => Messages.Field_IssueDate);
        v.RuleFor(x => x.Items).NotEmpty().WithMessage(_ => Messages.ItemsRequired);
        v.RuleForEach(x => x.Items).SetValidator(new DocumentItemInputValidator());
    }
}

public sealed class QuoteInputValidator : AbstractValidator<QuoteInput>
{
    public QuoteInputValidator()
    {
        DocumentRules.AddHeaderRules(this);
        RuleFor(x => x.ValidUntil).GreaterThanOrEqualTo(x => x.IssueDate).WithMessage(_ => Messages.EndBeforeStart).When(x => x.ValidUntil is not null);
    }
}

public sealed class SalesOrderInputValidator : AbstractValidator<SalesOrderInput>
{
    public SalesOrderInputValidator()
    {
        DocumentRules.AddHeaderRules(this);
        RuleFor(x => x.DeliveryDate).GreaterThanOrEqualTo(x => x.IssueDate).WithMessage(_ => Messages.EndBeforeStart).When(x => x.DeliveryDate is not null);
    }
}

public sealed class InvoiceInputValidator : AbstractValidator<InvoiceInput>
{
    public InvoiceInputValidator()
    {
        DocumentRules.AddHeaderRules(this);
        RuleFor(x => x.Number).GreaterThan(0).WithName(_ => Messages.Field_Number);
        RuleFor(x => x.Series).NotEmpty().MaximumLength(3).WithName(_ => Messages.Field_Series);
        RuleFor(x => x.AccessKey).Must(AccessKeys.IsValid).WithMessage(_ => Messages.InvalidAccessKey)
            .When(x => !string.IsNullOrWhiteSpace(x.AccessKey));
        RuleFor(x => x.OrderCode).MaximumLength(40);
    }
}

public sealed class ReceivableInputValidator : AbstractValidator<ReceivableInput>
{
    public ReceivableInputValidator()
    {
        RuleFor(x => x.Document).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Document);
        RuleFor(x => x.Installment).GreaterThan(0).WithName(_ => Messages.Field_Installment);
        RuleFor(x => x.CustomerCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Customer);
        RuleFor(x => x.IssueDate).NotEmpty().WithName(_ => Messages.Field_IssueDate);
        RuleFor(x => x.DueDate).NotEmpty().WithName(_ => Messages.Field_DueDate)
            .GreaterThanOrEqualTo(x => x.IssueDate).WithMessage(_ => Messages.DueBeforeIssue);
        RuleFor(x => x.Amount).GreaterThan(0).WithName(_ => Messages.Field_Amount);
        RuleFor(x => x.PaidAmount).GreaterThanOrEqualTo(0).WithName(_ => Messages.Field_PaidAmount);
        RuleFor(x => x.PaidDate).NotNull().WithMessage(_ => Messages.PaidDateRequired).When(x => x.PaidAmount > 0);
    }
}

public sealed class ContractInputValidator : AbstractValidator<ContractInput>
{
    public ContractInputValidator()
    {
        RuleFor(x => x.ExternalCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Code);
        RuleFor(x => x.CustomerCode).NotEmpty().MaximumLength(40).WithName(_ => Messages.Field_Customer);
        RuleFor(x => x.ProductCode).MaximumLength(40);
        RuleFor(x => x.Description).NotEmpty().MaximumLength(200).WithName(_ => Messages.Field_Description);
        RuleFor(x => x.StartDate).NotEmpty().WithName(_ => Messages.Field_StartDate);
        RuleFor(x => x.EndDate).GreaterThanOrEqualTo(x => x.StartDate).WithMessage(_ => Messages.EndBeforeStart).When(x => x.EndDate is not null);
        RuleFor(x => x.Value).GreaterThanOrEqualTo(0).WithName(_ => Messages.Field_Value);
        RuleFor(x => x.Status).IsInEnum();
    }
}

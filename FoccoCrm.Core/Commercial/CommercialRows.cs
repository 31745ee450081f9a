namespace FoccoCrm.Core.Commercial;

public enum DocumentKind { Quote, SalesOrder, Invoice }

public enum CommercialSort { Date, Code, Customer, Total, Description, Price, DueDate }

/// <summary>What a commercial list asks for: one page of one company, filtered, sorted and counted in SQL.</summary>
public sealed record CommercialQuery
{
    /// <summary>Document number / product code or description / customer name (contains).</summary>
    public string? Search { get; init; }
    public int? CustomerId { get; init; }
    /// <summary>Issue date (receivables: due date) from, inclusive.</summary>
    public DateOnly? From { get; init; }
    /// <summary>Issue date (receivables: due date) to, inclusive.</summary>
    public DateOnly? To { get; init; }
    public ReceivableStatus? ReceivableStatus { get; init; }
    public ContractStatus? ContractStatus { get; init; }
    /// <summary>Products: inactive ones too.</summary>
    public bool IncludeInactive { get; init; }
    public CommercialSort Sort { get; init; } = CommercialSort.Date;
    public bool Descending { get; init; } = true;
    public int Skip { get; init; }
    public int Take { get; init; } = 25;
}

public sealed record ProductRow(int Id, string Code, string Description, string Unit, string? Group, decimal Price, bool IsActive);

/// <summary>A quote, order or invoice header. <paramref name="OtherDate"/>: quote valid until / order delivery date.</summary>
public sealed record DocumentRow(int Id, DocumentKind Kind, string ExternalCode, int CustomerId, string CustomerName, string? CustomerCode,
    DateOnly IssueDate, DateOnly? OtherDate, decimal Total, int ItemCount, int? Number = null, string? Series = null, string? AccessKey = null,
    string? OrderCode = null)
{
    public string AccessKeyFormatted => AccessKeys.Format(AccessKey);
}

public sealed record DocumentItemRow(int LineNumber, string ProductCode, string ProductDescription, string Unit, decimal Quantity, decimal UnitPrice, decimal Total);

public sealed record DocumentDetail(DocumentRow Header, IReadOnlyList<DocumentItemRow> Items);

public sealed record ReceivableRow(int Id, string Document, int Installment, int CustomerId, string CustomerName, DateOnly IssueDate, DateOnly DueDate,
    decimal Amount, decimal PaidAmount, DateOnly? PaidDate, ReceivableStatus Status)
{
    public decimal OpenAmount => Amount - PaidAmount;
}

/// <summary>Sums of the whole filter (not only the page).</summary>
public sealed record ReceivableTotals(decimal Amount, decimal Paid, decimal Open, decimal Overdue);

public sealed record ReceivablePage(IReadOnlyList<ReceivableRow> Items, int TotalCount, ReceivableTotals Totals);

public sealed record ContractRow(int Id, string ExternalCode, int CustomerId, string CustomerName, string? ProductCode, string Description,
    DateOnly StartDate, DateOnly? EndDate, decimal Value, ContractStatus Status);

/// <summary>A customer's financial picture in one company.</summary>
public sealed record CustomerCommercialSummary(decimal PurchasedLast12Months, int InvoicesLast12Months, decimal OpenAmount, decimal OverdueAmount,
    int OverdueCount, double? AverageDaysLate, int ActiveContracts);

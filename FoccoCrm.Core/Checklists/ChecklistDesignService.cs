using FoccoCrm.Core.Common;
using FoccoCrm.Core.Data;
using FoccoCrm.Core.Identity;
using Microsoft.EntityFrameworkCore;

namespace FoccoCrm.Core.Checklists;

/// <summary>
/// An open designer session: the draft tree model (with its undo/redo stack) and the checklist's concurrency token.
/// The UI keeps one per open designer and passes it to every <see cref="ChecklistDesignService"/> call.
/// </summary>
public sealed class ChecklistDesign
{
    internal ChecklistDesign(int checklistId, string code, string description, bool hasCompany, ChecklistTree tree, Guid version, bool canEdit)
    {
        ChecklistId = checklistId;
        Code = code;
        Description = description;
        HasCompany = hasCompany;
        Tree = tree;
        Version = version;
        CanEdit = canEdit;
    }

    public int ChecklistId { get; }
    public string Code { get; }
    public string Description { get; }
    /// <summary>False: the designer says plainly that the checklist cannot be published or used until a company is linked.</summary>
    public bool HasCompany { get; }
    /// <summary>The draft. Read it freely (Roots, ChildrenOf, Orphans, ToDefinition for the preview); change it only through the service.</summary>
    public ChecklistTree Tree { get; }
    /// <summary>The checklist's concurrency token after the last save.</summary>
    public Guid Version { get; internal set; }
    public bool CanEdit { get; }
}

/// <summary>
/// The designer's back end (FERM0105): loads the draft as a <see cref="ChecklistTree"/>, applies one structure operation per user
/// action and saves at once (autosave) with optimistic concurrency on the checklist. A refused operation returns its reason and
/// saves nothing. When someone else saved the checklist meanwhile, <see cref="ConcurrencyConflictException"/> carries a freshly
/// opened <see cref="ChecklistDesign"/> as <c>Current</c>.
/// </summary>
public sealed class ChecklistDesignService(IDbContextFactory<FoccoDbContext> dbFactory)
{
    public async Task<ChecklistDesign> OpenAsync(CurrentUser user, int checklistId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var (checklist, tree) = await ChecklistService.LoadDraftAsync(db, user, checklistId, tracked: false, ct);
        return new ChecklistDesign(checklist.Id, checklist.Code, checklist.Description, checklist.Companies.Count > 0, tree, checklist.Version,
            user.CanDesignChecklists());
    }

    /// <summary>Re-reads the bank questions the draft uses (after one was edited elsewhere); may reveal orphans. Saves nothing.</summary>
    public async Task RefreshQuestionsAsync(CurrentUser user, ChecklistDesign design, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(user);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var ids = design.Tree.Nodes.Select(n => n.QuestionId).Distinct().ToList();
        var questions = await db.Questions.AsNoTracking().Include(q => q.Options).Where(q => ids.Contains(q.Id)).ToListAsync(ct);
        foreach (var q in questions) design.Tree.SetQuestion(q.ToForm());
    }

    public Task<TreeResult> AddRootAsync(CurrentUser user, ChecklistDesign design, int questionId, int? index = null, bool required = false, CancellationToken ct = default) =>
        WithQuestionAsync(user, design, questionId, (tree, q) => tree.AddRoot(q, index, required), ct);

    /// <summary>"+ pergunta de seguimento" on an answer chip: the question shows when the parent's answer is any of <paramref name="optionIds"/>.</summary>
    public Task<TreeResult> AddFollowUpAsync(CurrentUser user, ChecklistDesign design, Guid parentNodeId, int questionId, IReadOnlyCollection<int> optionIds,
        int? index = null, bool required = false, CancellationToken ct = default) =>
        WithQuestionAsync(user, design, questionId, (tree, q) => tree.AddFollowUp(parentNodeId, q, optionIds, index, required), ct);

    /// <summary>Drag and drop or the "Move…" dialog: new parent (null = root), its options, position among the new siblings.</summary>
    public Task<TreeResult> MoveAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, Guid? newParentId, IReadOnlyCollection<int>? optionIds, int index,
        CancellationToken ct = default) => ApplyAsync(user, design, t => t.Move(nodeId, newParentId, optionIds, index), ct);

    public Task<TreeResult> MoveUpAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.MoveUp(nodeId), ct);

    public Task<TreeResult> MoveDownAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.MoveDown(nodeId), ct);

    public Task<TreeResult> IndentAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, IReadOnlyCollection<int>? optionIds = null, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.Indent(nodeId, optionIds), ct);

    public Task<TreeResult> OutdentAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.Outdent(nodeId), ct);

    /// <summary>Removes the node with its subtree (ask first when <see cref="ChecklistTree.Subtree"/> has more than one node).</summary>
    public Task<TreeResult> RemoveAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.Remove(nodeId), ct);

    public Task<TreeResult> SetConditionAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, IReadOnlyCollection<int> optionIds, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.SetCondition(nodeId, optionIds), ct);

    public Task<TreeResult> SetRequiredAsync(CurrentUser user, ChecklistDesign design, Guid nodeId, bool required, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.SetRequired(nodeId, required), ct);

    public Task<TreeResult> UndoAsync(CurrentUser user, ChecklistDesign design, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.Undo(), ct);

    public Task<TreeResult> RedoAsync(CurrentUser user, ChecklistDesign design, CancellationToken ct = default) =>
        ApplyAsync(user, design, t => t.Redo(), ct);

    /// <summary>Applies any tree operation and saves the draft when it succeeded (the other methods are shorthands).</summary>
    public async Task<TreeResult> ApplyAsync(CurrentUser user, ChecklistDesign design, Func<ChecklistTree, TreeResult> operation, CancellationToken ct = default)
    {
        user.EnsureCanDesignChecklists();
        var before = design.Tree.Nodes.ToDictionary(n => n.Id);
        var result = operation(design.Tree);
        if (!result.Ok) return result;
        try
        {
            await SaveAsync(user, design, before, ct);
        }
        catch
        {
            design.Tree.Revert();
            throw;
        }
        return result;
    }

    private async Task<TreeResult> WithQuestionAsync(CurrentUser user, ChecklistDesign design, int questionId, Func<ChecklistTree, FormQuestion, TreeResult> op, CancellationToken ct)
    {
        user.EnsureCanDesignChecklists();
        FormQuestion question;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var q = await db.Questions.AsNoTracking().Include(x => x.Options).FirstOrDefaultAsync(x => x.Id == questionId, ct)
                ?? throw new NotFoundException(ChecklistMessages.QuestionNotFound);
            question = q.ToForm();
        }
        return await ApplyAsync(user, design, tree => op(tree, question), ct);
    }

    /// <summary>Writes only what changed (so a 300-node draft saves a handful of rows), bumping the draft revision under the concurrency token.</summary>
    private async Task SaveAsync(CurrentUser user, ChecklistDesign design, Dictionary<Guid, TreeNode> before, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var checklist = await db.Checklists.FirstOrDefaultAsync(c => c.Id == design.ChecklistId, ct)
            ?? throw new NotFoundException(ChecklistMessages.ChecklistNotFound);
        db.ExpectVersion(checklist, design.Version);
        checklist.TouchDraft();
        var after = design.Tree.Nodes.ToDictionary(n => n.Id);
        var removed = before.Keys.Where(id => !after.ContainsKey(id)).ToList();
        foreach (var n in after.Values)
        {
            if (before.TryGetValue(n.Id, out var old) && Same(old, n)) continue;
            var row = ChecklistNode.From(design.ChecklistId, n);
            if (old is null) db.ChecklistNodes.Add(row);
            else db.ChecklistNodes.Update(row);
        }
        try
        {
            if (removed.Count > 0)
            {
                // children first is not needed: there is no self-referencing key (ParentId is a plain column)
                await db.ChecklistNodes.Where(x => x.ChecklistId == design.ChecklistId && removed.Contains(x.Id)).ExecuteDeleteAsync(ct);
            }
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
        }
        catch (DbUpdateConcurrencyException)
        {
            await tx.RollbackAsync(ct);
            throw new ConcurrencyConflictException(Messages.ConcurrencyConflict, await OpenAsync(user, design.ChecklistId, ct));
        }
        design.Version = checklist.Version;
    }

    private static bool Same(TreeNode a, TreeNode b) =>
        a.QuestionId == b.QuestionId && a.ParentId == b.ParentId && a.Order == b.Order && a.Required == b.Required && a.OptionIds.SequenceEqual(b.OptionIds);
}

// Checklist designer (FERM0105): the tree's keys must not scroll the page or go back in history (Alt+←); focus after a move.
const handled = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', 'Delete'];

export function init(root) {
    if (!root || root.dataset.designerKeys) return;
    root.dataset.designerKeys = '1';
    root.addEventListener('keydown', e => {
        if (e.target.getAttribute('role') !== 'treeitem') return;
        const undo = (e.ctrlKey || e.metaKey) && ['z', 'y'].includes(e.key.toLowerCase());
        if (handled.includes(e.key) || undo || e.key === ' ') e.preventDefault();
    });
}

export function focusNode(id) {
    const el = document.getElementById(id);
    if (el) { el.focus(); el.scrollIntoView({ block: 'nearest' }); }
}

// Drag from the library: say what is dragged (some browsers start a drag only with data) and that a drop copies it into the tree.
export function initLibrary(root) {
    if (!root || root.dataset.designerLibrary) return;
    root.dataset.designerLibrary = '1';
    root.addEventListener('dragstart', e => {
        const handle = e.target.closest && e.target.closest('[data-library-question]');
        if (!handle || !e.dataTransfer) return;
        e.dataTransfer.setData('text/plain', handle.dataset.libraryQuestion);
        e.dataTransfer.effectAllowed = 'copy';
    });
}

// The answer picker (after Alt+→): focus its first answer once the dialog is shown (the dialog animates in, so try a few times),
// unless the focus is already on one of its answers.
export function focusFirstAnswer(group) {
    if (!group) return;
    [0, 60, 150, 300, 600].forEach(delay => setTimeout(() => {
        if (group.isConnected && !group.contains(document.activeElement)) group.querySelector('button')?.focus();
    }, delay));
}

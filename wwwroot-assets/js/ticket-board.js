// Ticket board (FCRM0200): drag by the handle (HTML5 drag and drop), long press on touch (400 ms, the page still scrolls:
// cards have touch-action: pan-y), keys on a focused card, "/" focuses the search and "?" opens the shortcuts.
// Every drop calls .NET with (ticketId, targetColumnKey, targetLaneKey); .NET can cancel a drag (a remote change).
const cardKeys = ['ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight', 'Home', 'End', ' ', 'Enter', 'Escape'];
const longPressMs = 400;
const moveTolerance = 10;
let state = null;

export function init(root, dotnet) {
    dispose();
    const s = { root, dotnet, dragId: null, press: null, touch: null, off: [] };
    state = s;
    const on = (target, type, fn, opts) => { target.addEventListener(type, fn, opts); s.off.push(() => target.removeEventListener(type, fn, opts)); };
    const call = (method, ...args) => dotnet.invokeMethodAsync(method, ...args).catch(() => { });

    // Keys on a card (the card itself, not its menu button): .NET moves focus, lifts, chooses the target and drops.
    on(root, 'keydown', e => {
        const card = e.target;
        if (!card.classList || !card.classList.contains('board-card') || e.ctrlKey || e.metaKey || e.altKey) return;
        if (!cardKeys.includes(e.key)) return;
        e.preventDefault();
        call('OnCardKey', Number(card.dataset.ticketId), e.key);
    });
    on(document, 'keydown', e => {
        const t = e.target;
        const typing = t && (t.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(t.tagName));
        if (typing || e.ctrlKey || e.metaKey || e.altKey) return;
        if (e.key === '/') {
            const box = root.querySelector('[data-board-search] input');
            if (box) { e.preventDefault(); box.focus(); box.select(); }
        } else if (e.key === '?') {
            e.preventDefault();
            call('ShowShortcuts');
        }
    });

    // A card's menu button is plain HTML (shared card markup): .NET renders that card's menu, opened.
    on(root, 'click', e => {
        const button = e.target.closest && e.target.closest('[data-card-menu]');
        if (!button || !root.contains(button)) return;
        e.preventDefault();
        call('OpenMenu', Number(button.dataset.cardMenu));
    });

    // "Load more" under a column is plain HTML too: .NET reads the column's next 50 cards.
    on(root, 'click', e => {
        const button = e.target.closest && e.target.closest('[data-load-more]');
        if (!button || !root.contains(button)) return;
        e.preventDefault();
        call('LoadMore', button.dataset.loadMore);
    });

    // Desktop: HTML5 drag and drop, started only from a handle.
    on(root, 'dragstart', e => {
        const handle = e.target.closest && e.target.closest('.board-handle');
        const card = handle && handle.closest('.board-card');
        if (!card) return;
        s.dragId = Number(card.dataset.ticketId);
        e.dataTransfer.effectAllowed = 'move';
        e.dataTransfer.setData('text/plain', '#' + card.dataset.number);
        e.dataTransfer.setDragImage(card, 16, 16);
        card.classList.add('dragging');
        call('OnDragStart', s.dragId);
    });
    on(root, 'dragover', e => {
        if (s.dragId === null) return;
        const zone = zoneAt(e.target);
        if (!zone) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        highlight(zone);
    });
    on(root, 'dragleave', e => { if (e.target === root) highlight(null); });
    on(root, 'drop', e => {
        const zone = zoneAt(e.target);
        if (s.dragId === null || !zone) return;
        e.preventDefault();
        const id = s.dragId;
        finish();
        call('OnDrop', id, zone.dataset.dropColumn, zone.dataset.dropLane || null);
    });
    on(root, 'dragend', () => {
        if (s.dragId === null) return;
        finish();
        call('OnDragEnd');
    });

    // Touch: a long press lifts the card; moving before that is a scroll (the browser pans, pointercancel ends the press).
    on(root, 'pointerdown', e => {
        if (e.pointerType !== 'touch' || s.touch) return;
        const card = e.target.closest && e.target.closest('.board-card');
        if (!card || card.dataset.canMove !== 'true' || e.target.closest('button, a, input')) return;
        const press = { card, x: e.clientX, y: e.clientY };
        press.timer = setTimeout(() => lift(press), longPressMs);
        s.press = press;
    });
    on(root, 'pointermove', e => {
        const p = s.press;
        if (p && Math.hypot(e.clientX - p.x, e.clientY - p.y) > moveTolerance) cancelPress();
    });
    on(root, 'pointerup', cancelPress);
    on(root, 'pointercancel', cancelPress);
    on(root, 'contextmenu', e => { if (s.press || s.touch) e.preventDefault(); });
    on(document, 'touchmove', e => {
        if (!s.touch) return;
        e.preventDefault(); // lifted: the finger drags the card, not the page
        const t = e.touches[0];
        s.touch.zone = zoneAt(document.elementFromPoint(t.clientX, t.clientY));
        highlight(s.touch.zone);
        autoScroll(t.clientX);
    }, { passive: false });
    on(document, 'touchend', e => {
        const d = s.touch;
        if (!d) return;
        e.preventDefault();
        s.touch = null;
        d.card.classList.remove('dragging', 'lifted-touch');
        highlight(null);
        if (d.zone) call('OnDrop', d.id, d.zone.dataset.dropColumn, d.zone.dataset.dropLane || null);
        else call('OnDragEnd');
    }, { passive: false });
    on(document, 'touchcancel', () => {
        const d = s.touch;
        if (!d) return;
        s.touch = null;
        d.card.classList.remove('dragging', 'lifted-touch');
        highlight(null);
        call('OnDragEnd');
    });

    function lift(press) {
        s.press = null;
        s.touch = { id: Number(press.card.dataset.ticketId), card: press.card, zone: null };
        press.card.classList.add('dragging', 'lifted-touch');
        if (navigator.vibrate) navigator.vibrate(20);
        call('OnDragStart', s.touch.id);
    }

    function cancelPress() {
        if (!s.press) return;
        clearTimeout(s.press.timer);
        s.press = null;
    }

    function zoneAt(el) {
        return el && el.closest ? el.closest('[data-drop-column]') : null;
    }

    function highlight(zone) {
        root.querySelectorAll('.board-cell.drop-over-pointer').forEach(z => { if (z !== zone) z.classList.remove('drop-over-pointer'); });
        if (zone) zone.classList.add('drop-over-pointer');
    }

    function autoScroll(x) {
        const scroller = root.querySelector('.board-scroll');
        if (!scroller) return;
        const box = scroller.getBoundingClientRect();
        if (x < box.left + 40) scroller.scrollLeft -= 12;
        else if (x > box.right - 40) scroller.scrollLeft += 12;
    }

    function finish() {
        root.querySelectorAll('.board-card.dragging').forEach(c => c.classList.remove('dragging'));
        highlight(null);
        s.dragId = null;
    }
    s.finish = finish;
}

/// A remote change hit the card being dragged: end the drag here (a later drop is ignored).
export function cancelDrag() {
    const s = state;
    if (!s) return;
    if (s.touch) {
        s.touch.card.classList.remove('dragging', 'lifted-touch');
        s.touch = null;
    }
    s.finish();
}

export function focusCard(id) {
    const s = state;
    const card = s && s.root.querySelector(`.board-card[data-ticket-id="${id}"]`);
    if (card) { card.focus({ preventScroll: true }); card.scrollIntoView({ block: 'nearest', inline: 'nearest' }); }
}

export function dispose() {
    if (!state) return;
    state.off.forEach(off => off());
    state = null;
}

/// The board's view and filters are remembered per user (and company) in this browser.
export function savedQuery(key) {
    try { return localStorage.getItem(key); } catch { return null; }
}

export function saveQuery(key, value) {
    try { localStorage.setItem(key, value); } catch { /* private mode: not remembered */ }
}

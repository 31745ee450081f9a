// FoccoCrm browser helpers, imported as an ES module by components.
let hotkeyHandler = null;

// App-bar menus are native popovers: a link or a [data-close-popover] item inside one closes it (navigation inside the app
// does not reload the page, so the browser would leave it open).
document.addEventListener('click', e => {
    const item = e.target instanceof Element ? e.target.closest('[popover] a[href], [popover] [data-close-popover]') : null;
    item?.closest('[popover]')?.hidePopover?.();
});

// The navigation drawer (MainLayout) opens and closes here, without a server round trip: from 1280 px it sits beside the
// content and the menu button collapses it; below that it starts closed, opens over the content and closes again on a
// link, on the shade or on Escape.
const wide = window.matchMedia('(min-width: 1280px)');
function navShell() { return document.querySelector('[data-nav-shell]'); }
function navOpen(shell) { return wide.matches ? !shell.classList.contains('nav-collapsed') : shell.classList.contains('nav-shown'); }
function setNav(shell, open) {
    shell.classList.toggle(wide.matches ? 'nav-collapsed' : 'nav-shown', wide.matches ? !open : open);
    shell.querySelectorAll('[data-nav-toggle]').forEach(b => b.setAttribute('aria-expanded', String(open)));
}
document.addEventListener('click', e => {
    const target = e.target instanceof Element ? e.target : null;
    const shell = navShell();
    if (!target || !shell) return;
    if (target.closest('[data-nav-toggle]')) setNav(shell, !navOpen(shell));
    else if (target.closest('[data-nav-close]') || (!wide.matches && target.closest('#app-drawer a[href]'))) setNav(shell, false);
});
document.addEventListener('keydown', e => {
    const shell = navShell();
    if (e.key === 'Escape' && shell && !wide.matches && shell.classList.contains('nav-shown')) setNav(shell, false);
});
wide.addEventListener('change', () => { const shell = navShell(); if (shell) setNav(shell, navOpen(shell)); });

// The side menu (NavMenu) is rendered once; the link of the current page is marked here on every navigation, Blazor's
// (history.pushState / replaceState) and the browser's (back / forward): the longest matching address wins ("/tickets/board"
// is the board, not "/tickets"), "/" only on the home page.
function normalPath(p) { return (p.replace(/\/+$/, '') || '/').toLowerCase(); }
function markActiveNav() {
    const menu = document.querySelector('[data-nav-menu]');
    if (!menu) return;
    const path = normalPath(location.pathname);
    let best = null, bestLength = -1;
    for (const a of menu.querySelectorAll('a.mud-nav-link[href]')) {
        const href = normalPath(new URL(a.getAttribute('href'), document.baseURI).pathname);
        const matches = href === '/' ? path === '/' : path === href || path.startsWith(href + '/');
        if (matches && href.length > bestLength) { best = a; bestLength = href.length; }
    }
    for (const a of menu.querySelectorAll('a.mud-nav-link.active')) {
        if (a === best) continue;
        a.classList.remove('active');
        a.removeAttribute('aria-current');
    }
    if (best) { best.classList.add('active'); best.setAttribute('aria-current', 'page'); }
}
for (const method of ['pushState', 'replaceState']) {
    const original = history[method];
    history[method] = function (...args) {
        const result = original.apply(this, args);
        queueMicrotask(markActiveNav);
        return result;
    };
}
window.addEventListener('popstate', () => queueMicrotask(markActiveNav));

// The shell of an interactive page is up (MainLayout, once, after its first render): Ctrl+K / Cmd+K opens the quick search
// (MainLayout.OpenQuickSearch), and the root says the page is interactive (data-interactive, what E2E tests wait for) —
// set here rather than by a second render of the whole shell in every circuit.
export function startShell(dotnet) {
    registerHotkeys(dotnet);
    document.getElementById('app-root')?.setAttribute('data-interactive', 'true');
}

export function registerHotkeys(dotnet) {
    unregisterHotkeys();
    hotkeyHandler = e => {
        if ((e.ctrlKey || e.metaKey) && !e.altKey && e.key.toLowerCase() === 'k') {
            e.preventDefault();
            dotnet.invokeMethodAsync('OpenQuickSearch');
        }
    };
    document.addEventListener('keydown', hotkeyHandler);
}

export function unregisterHotkeys() {
    if (hotkeyHandler) document.removeEventListener('keydown', hotkeyHandler);
    hotkeyHandler = null;
}

// Saves a server-made file (DotNetStreamReference) as a download.
export async function downloadFile(fileName, contentType, streamRef) {
    const buffer = await streamRef.arrayBuffer();
    const url = URL.createObjectURL(new Blob([buffer], { type: contentType }));
    const a = document.createElement('a');
    a.href = url;
    a.download = fileName;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// Focuses the first element matching the selector as soon as it can take focus (dialogs fade in):
// retries on animation frames for up to ~1 s, and stops once it has the focus.
export function focusSoon(selector) {
    const deadline = performance.now() + 1000;
    const attempt = () => {
        const el = document.querySelector(selector);
        if (el) el.focus();
        if ((!el || document.activeElement !== el) && performance.now() < deadline) requestAnimationFrame(attempt);
    };
    requestAnimationFrame(attempt);
}

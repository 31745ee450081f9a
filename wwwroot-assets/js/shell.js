// Loaded by every page (App.razor), before any circuit starts: what interactive components may call at any time.
// The document title of an interactive screen (PageHeader sets it once the page is interactive).
window.foccoSetTitle = title => { document.title = title; };

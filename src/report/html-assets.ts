// The inline stylesheet and filter script of the HTML report (static text: no recorded data inside).

export const HTML_STYLE = `
:root { color-scheme: light dark; --fail: #c62828; --warn: #b26a00; --info: #607d8b; --pass: #2e7d32; --line: #8884; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem 3rem; }
header { position: sticky; top: 0; background: Canvas; padding: .5rem 0 .75rem; border-bottom: 1px solid var(--line); z-index: 1; }
h1 { font-size: 1.3rem; margin: .2rem 0; }
h2 { font-size: 1rem; margin: 0 0 .5rem; }
h3 { font-size: .75rem; text-transform: uppercase; letter-spacing: .04em; margin: 0 0 .25rem; opacity: .7; }
code, pre { font: 12.5px/1.4 ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
pre { margin: 0; padding: .5rem; background: #8881; border-radius: 4px; white-space: pre-wrap; word-break: break-word; max-height: 20rem; overflow: auto; }
.summary, .reasons, .started { margin: .2rem 0; }
.reasons { color: var(--fail); }
.started { opacity: .6; font-size: .85rem; }
.filter { display: inline-block; margin-top: .5rem; font-weight: 600; }
#filter { font: inherit; font-weight: normal; width: min(28rem, 70vw); padding: .35rem .5rem; margin-left: .4rem; border: 1px solid var(--line); border-radius: 4px; }
#shown { margin-left: .75rem; opacity: .7; }
.verdict, .badge, .sev { display: inline-block; border-radius: 3px; padding: 0 .45em; color: #fff; font-size: .8em; font-weight: 600; text-transform: uppercase; vertical-align: middle; }
.verdict.pass, .badge.pass { background: var(--pass); }
.verdict.fail, .verdict.unreachable, .badge.fail, .sev.breaking { background: var(--fail); }
.badge.drift, .sev.warning { background: var(--warn); }
.sev.info { background: var(--info); }
.endpoint { border: 1px solid var(--line); border-left: 4px solid var(--pass); border-radius: 4px; padding: .75rem 1rem; margin: 1rem 0; }
.endpoint.fail { border-left-color: var(--fail); }
.endpoint.drift { border-left-color: var(--warn); }
.endpoint small { font-weight: normal; opacity: .7; margin-left: .5rem; }
.entry { border-top: 1px dashed var(--line); padding: .5rem 0; }
.entry p { margin: .25rem 0 .4rem; }
.item { opacity: .7; margin-left: .4rem; }
.sbs { display: grid; grid-template-columns: 1fr 1fr; gap: .75rem; }
@media (max-width: 700px) { .sbs { grid-template-columns: 1fr; } }
[hidden] { display: none !important; }
`;

/**
 * Filters endpoints and entries: every whitespace-separated term must occur in an entry's text (or
 * in its endpoint's title, which then shows all of the endpoint's entries).
 */
export const HTML_SCRIPT = `
(function () {
  var input = document.getElementById('filter');
  var shown = document.getElementById('shown');
  var nothing = document.getElementById('nothing');
  var sections = Array.prototype.slice.call(document.querySelectorAll('section.endpoint'));
  function matches(text, terms) { return terms.every(function (t) { return text.indexOf(t) !== -1; }); }
  function apply() {
    var terms = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var visible = 0;
    sections.forEach(function (section) {
      var entries = Array.prototype.slice.call(section.querySelectorAll('.entry'));
      var titleHit = matches(section.getAttribute('data-search'), terms);
      var any = false;
      entries.forEach(function (entry) {
        var hit = titleHit || matches(section.getAttribute('data-search') + ' ' + entry.getAttribute('data-search'), terms);
        entry.hidden = !hit;
        any = any || hit;
      });
      section.hidden = !(titleHit || any);
      if (!section.hidden) visible += 1;
    });
    shown.textContent = terms.length ? visible + ' of ' + sections.length + ' endpoints' : sections.length + ' endpoints';
    nothing.hidden = visible > 0 || sections.length === 0;
  }
  input.addEventListener('input', apply);
  apply();
})();
`;

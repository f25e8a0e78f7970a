// The inline stylesheet and search script of the API reference page (static text: no recorded data
// inside, so the page's Content-Security-Policy can allow this one script by its hash).

export const DOCS_STYLE = `
:root { color-scheme: light dark; --line: #8884; --muted: #8889; --get: #2e7d32; --post: #1565c0; --put: #b26a00; --patch: #6a1b9a; --delete: #c62828; --other: #546e7a; }
* { box-sizing: border-box; }
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; margin: 0; }
header { padding: 1rem 1.5rem .75rem; border-bottom: 1px solid var(--line); position: sticky; top: 0; background: Canvas; z-index: 2; }
h1 { font-size: 1.35rem; margin: 0 0 .3rem; }
h2 { font-size: 1.1rem; margin: 1.5rem 0 .5rem; text-transform: capitalize; }
h2 small, .toc-group small { font-weight: normal; text-transform: none; opacity: .65; margin-left: .4rem; }
h3 { font-size: 1rem; margin: 0 0 .35rem; display: flex; flex-wrap: wrap; gap: .5rem; align-items: baseline; }
h4 { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; margin: .8rem 0 .3rem; opacity: .75; }
code, pre { font: 12.5px/1.4 ui-monospace, "SF Mono", Menlo, Consolas, monospace; }
pre { margin: .3rem 0; padding: .5rem; background: #8881; border-radius: 4px; white-space: pre-wrap; word-break: break-word; max-height: 24rem; overflow: auto; }
.summary, .hosts { margin: .2rem 0; }
.search { display: inline-block; margin-top: .5rem; font-weight: 600; }
#search { font: inherit; font-weight: normal; width: min(30rem, 70vw); padding: .35rem .5rem; margin-left: .4rem; border: 1px solid var(--line); border-radius: 4px; }
#shown { margin-left: .75rem; opacity: .7; }
.layout { display: grid; grid-template-columns: minmax(14rem, 22rem) 1fr; gap: 1.5rem; padding: 0 1.5rem 3rem; }
nav { position: sticky; top: 9rem; align-self: start; max-height: calc(100vh - 10rem); overflow: auto; padding-top: 1rem; }
nav ol { list-style: none; margin: 0; padding: 0; }
nav ol ol { margin: .2rem 0 .8rem; }
nav li li { margin: .1rem 0; }
nav a { color: inherit; text-decoration: none; display: block; padding: .1rem .3rem; border-radius: 3px; }
nav a:hover, nav a:focus { background: #8882; }
.toc-group > span { font-weight: 600; text-transform: capitalize; }
main { min-width: 0; }
.endpoint { border: 1px solid var(--line); border-radius: 6px; padding: .8rem 1rem; margin: .8rem 0; scroll-margin-top: 9rem; }
.meta, .note { opacity: .75; margin: .2rem 0; }
.method { display: inline-block; min-width: 3.6em; text-align: center; border-radius: 3px; padding: 0 .4em; color: #fff; font-size: .75em; font-weight: 700; background: var(--other); }
.method.get { background: var(--get); } .method.post { background: var(--post); } .method.put { background: var(--put); }
.method.patch { background: var(--patch); } .method.delete { background: var(--delete); }
.template { font-size: 1em; }
.name { font-weight: normal; opacity: .7; }
table { border-collapse: collapse; margin: .3rem 0; width: 100%; }
th, td { text-align: left; padding: .2rem .5rem; border-bottom: 1px solid var(--line); vertical-align: top; }
th { font-size: .78rem; text-transform: uppercase; letter-spacing: .03em; opacity: .75; }
td code { word-break: break-all; }
details { border-top: 1px dashed var(--line); padding: .4rem 0; }
summary { cursor: pointer; }
.status { display: inline-block; border-radius: 3px; padding: 0 .4em; color: #fff; font-weight: 700; font-size: .85em; background: var(--other); }
.status.s2 { background: var(--get); } .status.s3 { background: var(--post); } .status.s4 { background: var(--put); } .status.s5 { background: var(--delete); }
@media (max-width: 800px) { .layout { grid-template-columns: 1fr; } nav { position: static; max-height: none; } }
[hidden] { display: none !important; }
`;

/**
 * Search: every whitespace-separated term must occur in an endpoint's text (method, template,
 * name, statuses, parameters, field pointers). The table of contents and the groups follow the
 * endpoints; "/" focuses the box.
 */
export const DOCS_SCRIPT = `
(function () {
  var input = document.getElementById('search');
  var shown = document.getElementById('shown');
  var nothing = document.getElementById('nothing');
  var each = function (list, fn) { Array.prototype.forEach.call(list, fn); };
  var groups = document.querySelectorAll('main section.group');
  var tocGroups = {};
  each(document.querySelectorAll('nav li.toc-group'), function (li) { tocGroups[li.getAttribute('data-group')] = li; });
  var links = {};
  each(document.querySelectorAll('nav li[data-for]'), function (li) { links[li.getAttribute('data-for')] = li; });
  function apply() {
    var terms = input.value.toLowerCase().split(/\\s+/).filter(Boolean);
    var visible = 0;
    var total = 0;
    each(groups, function (group) {
      var any = false;
      each(group.querySelectorAll('article.endpoint'), function (article) {
        var text = article.getAttribute('data-search') || '';
        var hit = terms.every(function (t) { return text.indexOf(t) !== -1; });
        total += 1;
        article.hidden = !hit;
        if (links[article.id]) links[article.id].hidden = !hit;
        if (hit) { visible += 1; any = true; }
      });
      group.hidden = !any;
      var toc = tocGroups[group.getAttribute('data-group')];
      if (toc) toc.hidden = !any;
    });
    shown.textContent = terms.length ? visible + ' of ' + total + ' endpoints' : total + ' endpoints';
    nothing.hidden = visible > 0 || total === 0;
  }
  input.addEventListener('input', apply);
  document.addEventListener('keydown', function (event) {
    if (event.key === '/' && document.activeElement !== input) { event.preventDefault(); input.focus(); }
  });
  apply();
})();
`;

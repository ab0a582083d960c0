// Offline GraphiQL: React, ReactDOM and GraphiQL come from the embedded
// UMD bundles (globals React, ReactDOM, GraphiQL); nothing is fetched from
// a CDN. The example queries are embedded in the page as JSON.
(function () {
  'use strict';
  var root = document.getElementById('graphiql');
  try {
    var endpoint = document.querySelector('meta[name="graphql-endpoint"]').content;
    var examples = JSON.parse(document.getElementById('examples').textContent);
    var h = React.createElement;

    // ExamplesPanel lists the analyst questions; clicking one puts its query
    // (and variables) into the active editor tab.
    function ExamplesPanel() {
      var editor = GraphiQL.React.useEditorContext({ nonNull: true });
      return h('div', { className: 'rg-examples' },
        h('h3', null, '示例查询 Examples'),
        h('p', { className: 'note' }, '分析员的问题，每个一次请求。 Each analyst question as one request; click to load, then run (Ctrl-Enter).'),
        h('ol', null, examples.map(function (ex) {
          return h('li', { key: ex.name },
            h('button', {
              type: 'button',
              'data-example': ex.name,
              onClick: function () {
                // Switch to the example's preloaded tab while it is
                // unchanged; otherwise load the example into the active tab.
                var tabs = editor.tabs || [];
                for (var i = 0; i < tabs.length; i++) {
                  if (tabs[i].query === ex.query) { editor.changeTab(i); return; }
                }
                if (editor.queryEditor) { editor.queryEditor.setValue(ex.query); }
                if (editor.variableEditor) { editor.variableEditor.setValue(ex.variables || ''); }
              }
            }, ex.title));
        })));
    }

    var examplesPlugin = {
      title: 'Examples',
      icon: function () {
        return h('svg', { viewBox: '0 0 24 24', width: 20, height: 20, fill: 'none', stroke: 'currentColor', strokeWidth: 1.5 },
          h('path', { d: 'M4 5h16M4 12h16M4 19h10' }));
      },
      content: ExamplesPanel
    };

    var tabs = examples.map(function (ex) {
      return { query: ex.query, variables: ex.variables || undefined };
    });

    ReactDOM.createRoot(root).render(h(GraphiQL, {
      fetcher: GraphiQL.createFetcher({ url: endpoint }),
      defaultTabs: tabs,
      defaultQuery: tabs.length ? tabs[0].query : undefined,
      // GraphiQL fills the first editor's variables from this prop, not
      // from defaultTabs: without it the first Run lacked its $id.
      variables: tabs.length ? tabs[0].variables : undefined,
      plugins: [examplesPlugin],
      visiblePlugin: examplesPlugin,
      defaultEditorToolsVisibility: true
    }, h(GraphiQL.Logo, null, 'reportgraph'), h(GraphiQL.Footer, null,
      h('a', { href: '/explore', className: 'rg-explore-link' }, '图谱浏览 Explorer →'))));
  } catch (err) {
    root.innerHTML = '';
    var p = document.createElement('p');
    p.className = 'rg-error';
    p.textContent = 'Playground failed to start: ' + (err && err.message ? err.message : err);
    root.appendChild(p);
    throw err;
  }
})();

// reportgraph explorer: search → trace graph (cytoscape) → details, a lazy
// region tree with each region's reports (coloured by the traced entity's
// coverage), and three charts (Chart.js): targets over the years, target
// escalation down one level, and the traced entity's adoption curve. Every request goes to the public GraphQL endpoint; the
// operations live in queries.graphql next to this file.
(function () {
  'use strict';

  var endpoint = document.querySelector('meta[name="graphql-endpoint"]').content;
  var queriesURL = new URL('queries.graphql', document.currentScript.src).href;

  var LEVELS = ['NATIONAL', 'PROVINCIAL', 'PREFECTURAL', 'COUNTY'];
  var LEVEL_LABEL = {
    NATIONAL: '国家级',
    PROVINCIAL: '省级（自治区）',
    PREFECTURAL: '地级（盟市）',
    COUNTY: '县级（旗县区）'
  };
  var KIND_LABEL = { PROGRAM: '工程/任务', INITIATIVE: '行动', PROJECT: '项目', TERM: '名词' };
  var KIND_COLOR = { PROGRAM: '#c0392b', INITIATIVE: '#2471a3', PROJECT: '#229954', TERM: '#7d6608' };
  var QUALIFIER_LABEL = { AT_LEAST: '以上', ABOUT: '左右', AT_MOST: '以内', RANGE: '区间', EXACT: '' };

  // Layout of the trace graph, in model pixels.
  var CELL_W = 140, CELL_H = 50, MAX_COLS = 5, REGION_GAP = 60, BAND_GAP = 90;

  // columns lays a region's n entities out as a roughly square grid, so a
  // band of several regions stays wide rather than very wide and the
  // fitted graph keeps a legible zoom.
  function columns(n) { return Math.max(1, Math.min(MAX_COLS, Math.ceil(Math.sqrt(n)))); }

  var state = {
    doc: null, cy: null, chart: null, chartData: null, allTargets: null, trace: [],
    chartMode: 'targets', chartRegions: {}, indicators: {},
    escalationChart: null, escalation: null, adoptionChart: null,
    traced: null, diffusion: null, coverage: null
  };
  var $ = function (id) { return document.getElementById(id); };

  // ---------- GraphQL ----------

  function loadDocument() {
    return fetch(queriesURL).then(function (res) {
      if (!res.ok) { throw new Error('无法加载查询文档 ' + queriesURL + ': HTTP ' + res.status); }
      return res.text();
    }).then(function (text) { state.doc = text; });
  }

  // gql runs one named operation of queries.graphql and returns its data, or
  // throws with the server's error messages.
  function gql(operationName, variables) {
    return fetch(endpoint, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
      body: JSON.stringify({ query: state.doc, operationName: operationName, variables: variables || {} })
    }).then(function (res) {
      return res.text().then(function (text) {
        var body;
        try { body = JSON.parse(text); } catch (e) {
          throw new Error(operationName + ': HTTP ' + res.status + ' ' + text.slice(0, 200));
        }
        if (body.errors && body.errors.length) {
          throw new Error(operationName + ': ' + body.errors.map(function (e) { return e.message; }).join('; '));
        }
        if (!res.ok) { throw new Error(operationName + ': HTTP ' + res.status); }
        return body.data;
      });
    });
  }

  function showError(err) {
    var box = $('error');
    box.textContent = '出错了 Error: ' + (err && err.message ? err.message : String(err));
    box.hidden = false;
    console.error(err);
  }

  function clearError() { $('error').hidden = true; }

  // ---------- DOM helpers ----------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) {
      if (k === 'text') { node.textContent = attrs[k]; } else if (k === 'onclick') { node.addEventListener('click', attrs[k]); } else { node.setAttribute(k, attrs[k]); }
    });
    (children || []).forEach(function (c) { if (c) { node.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); } });
    return node;
  }

  function clear(node) { while (node.firstChild) { node.removeChild(node.firstChild); } }

  // figure is a target's value as written: 6, or 6–6.5 for a range.
  function figure(t) { return t.qualifier === 'RANGE' && t.maxValue != null ? t.value + '–' + t.maxValue : String(t.value); }

  function truncate(s, n) { return s.length > n ? s.slice(0, n - 1) + '…' : s; }

  // ---------- Search ----------

  function search(ev) {
    ev.preventDefault();
    clearError();
    var vars = {
      text: $('search-text').value.trim(),
      kind: $('search-kind').value || null,
      region: $('search-region').value.trim() || null,
      level: $('search-level').value || null,
      first: 50
    };
    if (!vars.text) { return; }
    $('results-count').textContent = '…';
    gql('Search', vars).then(function (data) { renderResults(data.search, vars); }).catch(function (err) {
      $('results-count').textContent = '';
      showError(err);
    });
  }

  function renderResults(list, vars) {
    var ol = $('results');
    clear(ol);
    $('results-count').textContent = '(' + list.length + ')';
    if (!list.length) { ol.appendChild(noHitHint(vars || {})); }
    list.forEach(function (e) {
      var li = el('li', { 'data-id': e.id, 'data-kind': e.kind, title: e.id }, [
        el('span', { class: 'name', text: e.name }), ' ',
        el('span', { class: 'meta', text: KIND_LABEL[e.kind] + ' · ' + e.region.name + ' ' + e.report.year })
      ]);
      li.addEventListener('click', function () {
        Array.prototype.forEach.call(ol.children, function (c) { c.classList.remove('active'); });
        li.classList.add('active');
        showTrace(e.id);
      });
      ol.appendChild(li);
    });
  }

  // noHitHint says what to try when a search finds nothing: a shorter
  // text (names are matched as written, 三北 finds 三北防护林体系建设工程),
  // and the filters that narrowed it, each of which can be dropped.
  function noHitHint(vars) {
    var tips = [];
    if ((vars.text || '').length > 4) { tips.push('换一个更短的词（如“三北”而不是“三北防护林体系建设工程”）'); }
    if (vars.kind) { tips.push('不限类别（现为' + KIND_LABEL[vars.kind] + '）'); }
    if (vars.region) { tips.push('不限地区（现为' + vars.region + '及下级）'); }
    if (vars.level) { tips.push('不限层级（现为' + LEVEL_LABEL[vars.level] + '）'); }
    if (!tips.length) { tips.push('换一个词：已载入的报告中没有“' + vars.text + '”'); }
    return el('li', { class: 'meta no-hits', 'data-hint': 'true' }, [
      '没有找到“' + (vars.text || '') + '”。可以试试：' + tips.join('；') + '。'
    ]);
  }

  // ---------- Trace graph ----------

  function showTrace(id) {
    clearError();
    gql('Trace', { id: id }).then(function (data) {
      state.trace = data.trace;
      // The URL names the traced entity, so a view can be bookmarked or
      // sent to a colleague.
      history.replaceState(null, '', '#trace=' + encodeURIComponent(id));
      drawTrace(data.trace, id);
      showEntity(id);
      var root = data.trace.filter(function (e) { return e.id === id; })[0];
      loadDiffusion(id, root ? root.name + (root.region ? '（' + root.region.name + '）' : '') : id);
      return gql('Spread', { id: id }).then(function (d) { renderSpread(d.spread); });
    }).catch(showError);
  }

  // renderSpread shows, per level below the traced entity's, how many
  // regions take it up and which with a report of its year or later do
  // not (gaps), with the coverage: the trace graph shows who does, this
  // says who does not.
  function renderSpread(sp) {
    var box = $('spread');
    clear(box);
    var taken = {};
    sp.levels.forEach(function (l) { taken[l.level] = l.regionsConnection.totalCount; });
    var gaps = { PROVINCIAL: sp.provincial, PREFECTURAL: sp.prefectural, COUNTY: sp.county };
    box.setAttribute('data-coverage', String(sp.coverage));
    box.appendChild(el('span', { class: 'coverage', text: '落实覆盖 ' + Math.round(sp.coverage * 100) + '%' }));
    ['PROVINCIAL', 'PREFECTURAL', 'COUNTY'].forEach(function (lv) {
      var n = taken[lv] || 0, g = gaps[lv];
      if (!n && !g.totalCount) { return; }
      var names = g.nodes.map(function (r) { return r.name; }).join('、') + (g.totalCount > g.nodes.length ? '…' : '');
      box.appendChild(el('span', { class: 'level', 'data-level': lv, 'data-taken': String(n), 'data-gaps': String(g.totalCount),
        title: g.totalCount ? '未见落实：' + names : '' }, [
        LEVEL_LABEL[lv] + '：' + n + ' 个落实', g.totalCount ? '，' : '',
        g.totalCount ? el('span', { class: 'gaps', text: g.totalCount + ' 个未见（' + names + '）' }) : null
      ]));
    });
    if (sp.unreportedCount) {
      box.appendChild(el('span', { class: 'meta', text: '另有 ' + sp.unreportedCount + ' 个下级地区无同年或以后的报告' }));
    }
    box.hidden = false;
  }

  // layoutTrace assigns preset positions: one horizontal band per level
  // (highest on top), regions side by side inside a band, each region's
  // entities in a small grid inside the region's compound box.
  function layoutTrace(entities) {
    var bands = {};
    entities.forEach(function (e) {
      var lv = e.region.level;
      bands[lv] = bands[lv] || { regions: [], byRegion: {} };
      var b = bands[lv];
      if (!b.byRegion[e.region.id]) { b.byRegion[e.region.id] = []; b.regions.push(e.region); }
      b.byRegion[e.region.id].push(e);
    });
    var pos = {}, bandInfo = [], y = 0;
    LEVELS.forEach(function (lv) {
      var b = bands[lv];
      if (!b) { return; }
      var widths = b.regions.map(function (r) { return columns(b.byRegion[r.id].length) * CELL_W; });
      var total = widths.reduce(function (a, w) { return a + w; }, 0) + REGION_GAP * (b.regions.length - 1);
      var x = -total / 2, rows = 1;
      b.regions.forEach(function (r, i) {
        var list = b.byRegion[r.id];
        var cols = columns(list.length);
        list.forEach(function (e, j) {
          pos[e.id] = { x: x + (j % cols) * CELL_W + CELL_W / 2, y: y + Math.floor(j / cols) * CELL_H };
        });
        rows = Math.max(rows, Math.ceil(list.length / cols));
        x += widths[i] + REGION_GAP;
      });
      bandInfo.push({ level: lv, y: y, left: -total / 2 });
      y += rows * CELL_H + BAND_GAP;
    });
    return { pos: pos, bands: bandInfo };
  }

  function traceElements(entities) {
    var layout = layoutTrace(entities);
    var inTrace = {};
    entities.forEach(function (e) { inTrace[e.id] = true; });
    var els = [], seenRegion = {}, seenEdge = {};
    var minLeft = Math.min.apply(null, layout.bands.map(function (b) { return b.left; }).concat([0]));
    layout.bands.forEach(function (b) {
      els.push({
        group: 'nodes',
        data: { id: 'band:' + b.level, label: LEVEL_LABEL[b.level] },
        position: { x: minLeft - 140, y: b.y },
        classes: 'band',
        selectable: false,
        grabbable: false
      });
    });
    entities.forEach(function (e) {
      if (!seenRegion[e.region.id]) {
        seenRegion[e.region.id] = true;
        els.push({ group: 'nodes', data: { id: 'region:' + e.region.id, regionId: e.region.id, label: e.region.name, level: e.region.level }, classes: 'region' });
      }
      els.push({
        group: 'nodes',
        data: {
          id: e.id, parent: 'region:' + e.region.id, label: truncate(e.name, 20), name: e.name,
          kind: e.kind, region: e.region.name, level: e.region.level, year: e.report.year
        },
        position: layout.pos[e.id],
        classes: 'entity ' + e.kind
      });
    });
    function edge(type, from, to) {
      var key = type + ':' + from + '>' + to;
      if (seenEdge[key] || !inTrace[from] || !inTrace[to]) { return; }
      seenEdge[key] = true;
      // Arc height grows with the horizontal distance, so longer PART_OF
      // edges clear the nodes between their ends.
      var dx = Math.abs((layout.pos[from] || { x: 0 }).x - (layout.pos[to] || { x: 0 }).x);
      var arc = (layout.pos[from] || {}).x < (layout.pos[to] || {}).x ? 20 + dx / 6 : -(20 + dx / 6);
      var classes = type;
      // An IMPLEMENTS edge that skips a level (奈曼旗 straight to 内蒙古自治区)
      // would run along the chain through the level between: it bows out.
      var dy = Math.abs((layout.pos[from] || { y: 0 }).y - (layout.pos[to] || { y: 0 }).y);
      if (type === 'IMPLEMENTS' && dy > (CELL_H + BAND_GAP) * 1.5) {
        classes += ' skip';
        arc = 90 + dx / 4;
      }
      els.push({ group: 'edges', data: { id: key, source: from, target: to, type: type, arc: arc }, classes: classes });
    }
    entities.forEach(function (e) {
      (e.implements || []).forEach(function (t) { edge('IMPLEMENTS', e.id, t.id); });
      if (e.partOf) { edge('PART_OF', e.id, e.partOf.id); }
      (e.parts || []).forEach(function (p) { edge('PART_OF', p.id, e.id); });
    });
    return els;
  }

  var graphStyle = [
    { selector: 'node.entity', style: {
      shape: 'round-rectangle', width: 124, height: 40, 'background-color': '#7f8c8d',
      label: 'data(label)', color: '#fff', 'font-size': 12, 'text-valign': 'center', 'text-halign': 'center',
      'text-wrap': 'wrap', 'text-max-width': 116, 'line-height': 1.15, 'border-width': 0
    } },
    { selector: 'node.PROGRAM', style: { 'background-color': KIND_COLOR.PROGRAM } },
    { selector: 'node.INITIATIVE', style: { 'background-color': KIND_COLOR.INITIATIVE } },
    { selector: 'node.PROJECT', style: { 'background-color': KIND_COLOR.PROJECT } },
    { selector: 'node.TERM', style: { 'background-color': KIND_COLOR.TERM } },
    { selector: 'node.entity.root', style: { 'border-width': 4, 'border-color': '#e8a33d' } },
    { selector: 'node.entity:selected', style: { 'border-width': 4, 'border-color': '#f1c40f' } },
    { selector: 'node.region', style: {
      shape: 'round-rectangle', 'background-color': '#eef3f8', 'background-opacity': 1, 'border-color': '#9fb3c8',
      'border-width': 1, label: 'data(label)', 'text-valign': 'top', 'text-halign': 'center', 'font-size': 13,
      color: '#17324d', padding: 14
    } },
    { selector: 'node.region:selected', style: { 'border-color': '#e8a33d', 'border-width': 3 } },
    { selector: 'node.band', style: {
      shape: 'rectangle', width: 1, height: 1, 'background-opacity': 0, label: 'data(label)', 'font-size': 14,
      'font-weight': 'bold', color: '#6b7b8c', 'text-valign': 'center', 'text-halign': 'left', events: 'no'
    } },
    { selector: 'edge', style: { 'curve-style': 'bezier', 'target-arrow-shape': 'triangle', width: 2 } },
    { selector: 'edge.IMPLEMENTS', style: { 'line-color': '#d35400', 'target-arrow-color': '#d35400', width: 3 } },
    { selector: 'edge.IMPLEMENTS.skip', style: {
      'curve-style': 'unbundled-bezier', 'control-point-distances': 'data(arc)', 'control-point-weights': 0.5, 'line-style': 'solid'
    } },
    // PART_OF mostly links nodes of one region's row: arc them above the
    // row so they do not run through the neighbouring nodes.
    { selector: 'edge.PART_OF', style: {
      'line-color': '#7f8c8d', 'target-arrow-color': '#7f8c8d', 'line-style': 'dashed', 'target-arrow-shape': 'vee',
      'curve-style': 'unbundled-bezier', 'control-point-distances': 'data(arc)', 'control-point-weights': 0.5
    } }
  ];

  function drawTrace(entities, rootId) {
    var root = entities.filter(function (e) { return e.id === rootId; })[0] || entities[0];
    $('graph-title').textContent = root
      ? '追踪图：' + root.name + '（' + root.region.name + ' ' + root.report.year + '）· ' + entities.length + ' 个实体'
      : '追踪图：无结果';
    if (state.cy) { state.cy.destroy(); }
    state.cy = cytoscape({
      container: $('graph'),
      elements: traceElements(entities),
      style: graphStyle,
      layout: { name: 'preset', fit: true, padding: 30 },
      wheelSensitivity: 0.3,
      minZoom: 0.2,
      maxZoom: 3
    });
    if (root) { state.cy.getElementById(root.id).addClass('root'); }
    // Fitted to a wide graph, 12 px labels shrank to about 9: keep them
    // legible and centre on the traced entity; the rest is a pan away.
    if (root && state.cy.zoom() < 0.85) {
      state.cy.zoom(0.85);
      state.cy.center(state.cy.getElementById(root.id));
    }
    // A label may be cut: the full name shows on hover.
    state.cy.on('mouseover', 'node.entity', function (evt) {
      var n = evt.target;
      $('graph').title = n.data('name') + '（' + n.data('region') + ' ' + n.data('year') + '）';
    });
    state.cy.on('mouseout', 'node.entity', function () { $('graph').title = ''; });
    // Element taps bubble to the core once, with the tapped element as target.
    state.cy.on('tap', function (evt) {
      var t = evt.target;
      if (t === state.cy || !t.isNode || !t.isNode()) { return; }
      if (t.hasClass('entity')) { showEntity(t.id()); } else if (t.hasClass('region')) { selectRegion(t.data('regionId')); }
    });
    window.reportgraphExplorer.cy = state.cy;
  }

  // ---------- Details panel ----------

  function entityLink(e) {
    return el('a', { 'data-id': e.id, onclick: function () { showEntity(e.id); }, text: e.name + (e.region ? '（' + e.region.name + '）' : '') });
  }

  function showEntity(id) {
    gql('EntityDetail', { id: id }).then(function (data) {
      var e = data.node;
      if (!e) { throw new Error('实体不存在: ' + id); }
      if (state.cy) {
        state.cy.$(':selected').unselect();
        state.cy.getElementById(id).select();
      }
      renderEntity(e);
    }).catch(showError);
  }

  function renderEntity(e) {
    var box = $('details');
    clear(box);
    box.setAttribute('data-entity', e.id);
    box.appendChild(el('h2', { class: 'entity-name' }, [el('span', { class: 'badge ' + e.kind, text: KIND_LABEL[e.kind] }), ' ', e.name]));
    var dl = el('dl');
    function row(label, content) {
      if (!content) { return; }
      dl.appendChild(el('dt', { text: label }));
      dl.appendChild(typeof content === 'string' ? el('dd', { text: content }) : el('dd', {}, [content]));
    }
    row('地区', el('a', { onclick: function () { selectRegion(e.region.id); }, text: e.region.name + '（' + LEVEL_LABEL[e.region.level] + '）' }));
    row('报告', e.report.title + '（' + e.report.year + '年）');
    row('定义', e.definition);
    row('牵头单位', e.leadDepartment);
    if (e.partOf) { row('属于', entityLink(e.partOf)); }
    if (e.implements.length) { row('落实上级', el('ul', {}, e.implements.map(function (x) { return el('li', {}, [entityLink(x)]); }))); }
    if (e.implementedBy.length) { row('下级落实', el('ul', {}, e.implementedBy.map(function (x) { return el('li', {}, [entityLink(x)]); }))); }
    box.appendChild(dl);
    box.appendChild(el('h2', { text: '原文证据（' + e.evidence.length + '）' }));
    var ev = el('div', { id: 'evidence' });
    e.evidence.forEach(function (x) {
      ev.appendChild(el('blockquote', { class: 'evidence' }, [
        el('span', { class: 'section', text: x.section + ' · 第' + x.offset + '字' }),
        highlighted(x.text, e.name)
      ]));
    });
    box.appendChild(ev);
  }

  // highlighted renders an evidence sentence with the entity's name (without
  // its quotation marks) marked wherever it occurs.
  function highlighted(text, name) {
    var span = el('span', { class: 'text' });
    var key = name.replace(/[“”"「」]/g, '');
    var parts = key ? text.split(key) : [text];
    parts.forEach(function (part, i) {
      if (i > 0) { span.appendChild(el('mark', { text: key })); }
      span.appendChild(document.createTextNode(part));
    });
    return span;
  }

  // selectRegion shows a region's subtree in the details panel and makes it
  // the region of the target chart.
  function selectRegion(regionId) {
    clearError();
    gql('RegionSubtree', { id: regionId }).then(function (data) {
      var r = data.node;
      if (!r) { throw new Error('地区不存在: ' + regionId); }
      renderRegion(r);
      setChartRegion(r);
      return revealInTree(r);
    }).catch(showError);
  }

  function reportsText(reports) {
    return reports.length ? reports.map(function (p) { return p.year; }).join('、') + ' 年报告' : '无报告';
  }

  function renderRegion(r) {
    var box = $('details');
    clear(box);
    box.setAttribute('data-region', r.id);
    box.removeAttribute('data-entity');
    box.appendChild(el('h2', { class: 'region-name', text: r.name }));
    var path = (r.ancestors || []).slice().reverse().map(function (a) { return a.name; }).concat([r.name]).join(' › ');
    box.appendChild(el('p', { class: 'meta', text: LEVEL_LABEL[r.level] + ' · 代码 ' + (r.code || '—') + ' · ' + path }));
    box.appendChild(el('p', {}, ['报告：', reportsText(r.reports)]));
    r.reports.forEach(function (p) { box.appendChild(el('p', { class: 'meta', text: p.title + (p.deliveredOn ? '（' + p.deliveredOn + '）' : '') })); });
    box.appendChild(el('h2', { text: '下级地区（' + r.children.length + '）' }));
    box.appendChild(el('ul', { class: 'subtree' }, r.children.map(function (c) {
      return el('li', {}, [
        el('a', { onclick: function () { selectRegion(c.id); }, text: c.name }),
        el('span', { class: 'meta', text: ' ' + reportsText(c.reports) }),
        el('span', { class: 'meta', text: c.children.length ? ' · 下级 ' + c.children.length : '' })
      ]);
    })));
  }

  // showReport lists a report's programs (each opens its trace) and its
  // targets in the details panel.
  function showReport(id) {
    clearError();
    gql('ReportDetail', { id: id }).then(function (data) {
      var r = data.node;
      if (!r) { throw new Error('报告不存在: ' + id); }
      var box = $('details');
      clear(box);
      box.removeAttribute('data-entity');
      box.removeAttribute('data-region');
      box.setAttribute('data-report', r.id);
      box.appendChild(el('h2', { class: 'report-title', text: r.title }));
      box.appendChild(el('p', { class: 'meta', text: r.region.name + ' · ' + r.year + '年' + (r.deliveredOn ? ' · ' + r.deliveredOn : '') + ' · ' + r.source }));
      box.appendChild(el('h2', { text: '工程与任务（' + r.programs.length + '）' }));
      box.appendChild(el('ul', { class: 'programs' }, r.programs.map(function (p) {
        return el('li', {}, [
          el('a', { 'data-id': p.id, onclick: function () { showTrace(p.id); }, text: p.name }),
          el('span', { class: 'meta', text: p.parts.length ? ' · ' + p.parts.length + ' 项' : '' })
        ]);
      })));
      box.appendChild(el('h2', { text: '目标与结果（' + r.targets.length + '）' }));
      box.appendChild(el('ul', { class: 'targets' }, r.targets.map(function (t) {
        var v = figure(t);
        return el('li', { title: t.evidence.text }, [
          t.indicator + (t.measure || '') + ' ' + v + t.unit + (QUALIFIER_LABEL[t.qualifier] || ''),
          el('span', { class: 'meta', text: ' · ' + (t.kind === 'TARGET' ? '目标' : '实际') + ' ' + t.year })
        ]);
      })));
    }).catch(showError);
  }

  // ---------- Region tree ----------

  function treeItem(r) {
    var li = el('li', { 'data-region': r.id, 'data-reports': String(r.reports.length) });
    var hasChildren = r.children.length > 0;
    var toggle = el('span', { class: 'toggle', text: hasChildren ? '▸' : '·' });
    var name = el('span', { class: 'rname', text: r.name });
    var reports = el('span', { class: 'reports' });
    r.reports.forEach(function (p) {
      var b = el('b', { class: 'report', 'data-report': p.id, title: p.title + (p.deliveredOn ? '（' + p.deliveredOn + '）' : ''), text: String(p.year) });
      b.addEventListener('click', function () { showReport(p.id); });
      reports.appendChild(b);
      reports.appendChild(document.createTextNode(' '));
    });
    if (r.children.length) { reports.appendChild(document.createTextNode('(' + r.children.length + ')')); }
    li.appendChild(toggle);
    li.appendChild(name);
    li.appendChild(reports);
    colourItem(li);
    name.addEventListener('click', function () { selectRegion(r.id); });
    var ul = null, loading = null;
    // open shows the children, fetching them on first use.
    function open() {
      if (!hasChildren) { return Promise.resolve(); }
      if (ul) {
        ul.hidden = false;
        toggle.textContent = '▾';
        return Promise.resolve();
      }
      if (!loading) {
        toggle.textContent = '…';
        loading = gql('RegionChildren', { id: r.id }).then(function (data) {
          ul = el('ul', {}, data.node.children.map(treeItem));
          li.appendChild(ul);
          toggle.textContent = '▾';
        }).catch(function (err) { loading = null; toggle.textContent = '▸'; showError(err); });
      }
      return loading;
    }
    toggle.addEventListener('click', function () {
      if (ul && !ul.hidden) {
        ul.hidden = true;
        toggle.textContent = '▸';
        return;
      }
      open();
    });
    li.open = open;
    return li;
  }

  function loadTree() {
    return gql('RegionRoots').then(function (data) {
      var tree = $('region-tree');
      clear(tree);
      data.regions.forEach(function (r) {
        var li = treeItem(r);
        tree.appendChild(li);
        li.open();
      });
      if (data.regions.length) { setChartRegion(data.regions[0]); }
    });
  }

  function treeNode(regionId) {
    return document.querySelector('#region-tree li[data-region="' + CSS.escape(regionId) + '"]');
  }

  // revealInTree opens the tree down to region r (ancestors from the
  // root, one lazy level at a time) and highlights it.
  function revealInTree(r) {
    var chain = (r.ancestors || []).slice().reverse().map(function (a) { return a.id; });
    var step = Promise.resolve();
    chain.forEach(function (id) {
      step = step.then(function () {
        var li = treeNode(id);
        return li && li.open ? li.open() : null;
      });
    });
    return step.then(function () {
      markTreeSelection(r.id);
      var li = treeNode(r.id);
      if (li) { li.scrollIntoView({ block: 'nearest' }); }
    });
  }

  function markTreeSelection(regionId) {
    Array.prototype.forEach.call(document.querySelectorAll('#region-tree .rname.selected'), function (n) { n.classList.remove('selected'); });
    var li = treeNode(regionId);
    if (li) { li.querySelector('.rname').classList.add('selected'); }
  }

  // ---------- Target chart ----------

  function setChartRegion(r) {
    state.chartRegions[r.id] = r;
    var sel = $('chart-region');
    var opt = sel.querySelector('option[value="' + CSS.escape(r.id) + '"]');
    if (!opt) {
      opt = el('option', { value: r.id, text: r.name + ' 及下级' });
      sel.appendChild(opt);
    }
    sel.value = r.id;
    loadChart(r.id);
  }

  function indicatorKey(t) { return t.indicator + '|' + t.measure + '|' + t.unit; }
  // isGDPGrowth tells the indicator most reports set, and the one a reader
  // compares across levels first: GDP growth in percent.
  function isGDPGrowth(t) { return t.indicatorCode === 'gdp' && t.measure === '增长' && t.unit === '%'; }
  function indicatorLabel(t) { return t.indicator + (t.measure || '') + '（' + t.unit + '）'; }

  // subtreeTargets keeps the targets of reports of regionId or any region
  // below it.
  function subtreeTargets(reports, regionId) {
    var out = [];
    reports.forEach(function (rep) {
      var r = rep.region;
      var inside = r.id === regionId || r.ancestors.some(function (a) { return a.id === regionId; });
      if (!inside) { return; }
      rep.targets.forEach(function (t) { out.push({ region: r, report: rep, t: t }); });
    });
    return out;
  }

  function loadChart(regionId) {
    $('chart-status').textContent = '加载中…';
    var reports = state.allTargets
      ? Promise.resolve(state.allTargets)
      : gql('Targets').then(function (data) { state.allTargets = data.reports; return data.reports; });
    reports.then(function (list) {
      state.chartData = subtreeTargets(list, regionId);
      fillIndicators();
      redrawChart(true);
    }).catch(function (err) { $('chart-status').textContent = ''; showError(err); });
  }

  // fillIndicators lists every indicator found in the subtree, the one
  // reported by the most regions first; it keeps the current choice if the
  // new subtree has it, and otherwise starts on GDP growth: the most
  // reported indicator could be one whose outlier (81%) flattens the rest.
  function fillIndicators() {
    var sel = $('chart-indicator');
    var previous = sel.value;
    var regionsBy = {}, label = {}, gdp = null;
    state.chartData.forEach(function (d) {
      var k = indicatorKey(d.t);
      regionsBy[k] = regionsBy[k] || {};
      regionsBy[k][d.region.id] = true;
      label[k] = indicatorLabel(d.t);
      state.indicators[k] = { code: d.t.indicatorCode, indicator: d.t.indicator, measure: d.t.measure, unit: d.t.unit };
      if (isGDPGrowth(d.t) && (!gdp || Object.keys(regionsBy[k]).length > Object.keys(regionsBy[gdp]).length)) { gdp = k; }
    });
    var keys = Object.keys(regionsBy).sort(function (a, b) {
      var diff = Object.keys(regionsBy[b]).length - Object.keys(regionsBy[a]).length;
      return diff || (a < b ? -1 : a > b ? 1 : 0);
    });
    clear(sel);
    keys.forEach(function (k) {
      sel.appendChild(el('option', { value: k, text: label[k] + ' · ' + Object.keys(regionsBy[k]).length + ' 地' }));
    });
    if (keys.indexOf(previous) >= 0) { sel.value = previous; } else if (gdp) { sel.value = gdp; }
  }

  // qualifierNote is what a dataset's qualifiers say, for its legend entry:
  // （以上）, （左右/以上）, or nothing for exact figures.
  function qualifierNote(meta) {
    var seen = [];
    meta.forEach(function (d) {
      var q = d && QUALIFIER_LABEL[d.t.qualifier];
      if (q && seen.indexOf(q) < 0) { seen.push(q); }
    });
    return seen.length ? '（' + seen.join('/') + '）' : '';
  }

  function drawChart() {
    var key = $('chart-indicator').value;
    var rows = (state.chartData || []).filter(function (d) { return indicatorKey(d.t) === key; });
    var years = [], regions = [];
    rows.forEach(function (d) {
      if (years.indexOf(d.t.year) < 0) { years.push(d.t.year); }
      if (!regions.some(function (r) { return r.id === d.region.id; })) { regions.push(d.region); }
    });
    years.sort();
    regions.sort(function (a, b) { return LEVELS.indexOf(a.level) - LEVELS.indexOf(b.level) || (a.code < b.code ? -1 : 1); });
    var palette = ['#c0392b', '#2471a3', '#229954', '#8e44ad', '#d35400', '#16a085', '#7f8c8d', '#b7950b'];
    var datasets = [];
    regions.forEach(function (r, i) {
      var color = palette[i % palette.length];
      ['TARGET', 'RESULT'].forEach(function (kind) {
        var points = years.map(function (y) {
          var hit = rows.filter(function (d) { return d.region.id === r.id && d.t.year === y && d.t.kind === kind; })[0];
          return hit ? hit.t.value : null;
        });
        if (points.every(function (p) { return p === null; })) { return; }
        var meta = years.map(function (y) {
          return rows.filter(function (d) { return d.region.id === r.id && d.t.year === y && d.t.kind === kind; })[0] || null;
        });
        // Targets are bars, results triangles: the legend draws each
        // entry in its own style, and a target's entry says its qualifier.
        datasets.push(kind === 'TARGET'
          ? { type: 'bar', label: r.name + ' 目标' + qualifierNote(meta), data: points, backgroundColor: color, pointStyle: 'rect', meta: meta }
          : { type: 'line', label: r.name + ' 实际', data: points, borderColor: color, backgroundColor: '#fff', borderWidth: 2, showLine: false, pointStyle: 'triangle', pointRadius: 7, meta: meta });
      });
    });
    if (state.chart) { state.chart.destroy(); }
    $('chart-status').textContent = rows.length ? rows.length + ' 个数值，' + regions.length + ' 个地区' : '该地区及下级暂无目标数据';
    state.chart = new Chart($('chart'), {
      data: { labels: years.map(String), datasets: datasets },
      options: chartOptions(function (ctx) {
        var d = ctx.dataset.meta[ctx.dataIndex];
        if (!d) { return ctx.dataset.label; }
        var t = d.t;
        var v = figure(t);
        return ctx.dataset.label + '：' + v + t.unit + (QUALIFIER_LABEL[t.qualifier] || '');
      }, { beginAtZero: true, grace: '10%', title: { display: true, text: key ? key.split('|')[2] : '' } })
    });
    window.reportgraphExplorer.chart = state.chart;
  }

  // chartOptions are what every chart of the panel shares: sized by its
  // box, drawn at once (no animation to wait for), the legend on the
  // right in each dataset's point style; label writes a tooltip line and
  // y is the value axis.
  function chartOptions(label, y) {
    return {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      plugins: {
        legend: { position: 'right', labels: { usePointStyle: true } },
        tooltip: { callbacks: { label: label } }
      },
      scales: { y: y }
    };
  }

  // ---------- Chart tabs ----------

  function setChartMode(mode) {
    state.chartMode = mode;
    $('chart-panel').setAttribute('data-mode', mode);
    Array.prototype.forEach.call(document.querySelectorAll('#chart-tabs button'), function (b) {
      b.setAttribute('aria-selected', String(b.dataset.mode === mode));
    });
    Array.prototype.forEach.call(document.querySelectorAll('#chart-panel .chart-box'), function (b) {
      b.hidden = b.dataset.mode !== mode;
    });
    redrawChart(true);
  }

  // redrawChart draws the chart of the current tab; only that one, since a
  // chart drawn into a hidden box has no size. subtreeChanged: the region
  // or indicator changed, so the escalation's years are listed again.
  function redrawChart(subtreeChanged) {
    if (state.chartMode === 'escalation') {
      if (subtreeChanged) { fillYears(); }
      loadEscalation();
    } else if (state.chartMode === 'adoption') {
      drawAdoption();
    } else {
      drawChart();
    }
  }

  // ---------- Escalation chart ----------

  // The level an escalation chart shows below a region: its children's. A
  // county is shown against its own parent.
  var LEVEL_BELOW = { NATIONAL: 'PROVINCIAL', PROVINCIAL: 'PREFECTURAL', PREFECTURAL: 'COUNTY', COUNTY: 'COUNTY' };
  var STATUS_NOTE = { NOT_STATED: '（未设）', NOT_LOADED: '（无报告）' };

  // fillYears lists the years the chosen indicator has a target in the
  // subtree, latest first, each with how many of the regions the chart
  // shows (the children) set one, and starts on the year most of those set
  // one for, the latest of equals: a year only the region itself reports
  // would draw empty slots. A new region or indicator starts afresh, since
  // the year that suited the last one may leave this one nearly empty.
  function fillYears() {
    var meta = state.indicators[$('chart-indicator').value];
    var region = state.chartRegions[$('chart-region').value];
    var shown = function (r) {
      return region && (region.level === 'COUNTY' ? r.id === region.id : r.ancestors.length > 0 && r.ancestors[0].id === region.id);
    };
    var regionsBy = {}, shownBy = {};
    (state.chartData || []).forEach(function (d) {
      // Matched as the escalation query matches: by code where there is one.
      if (!meta || d.t.kind !== 'TARGET' || d.t.measure !== meta.measure || d.t.unit !== meta.unit ||
          (meta.code ? d.t.indicatorCode !== meta.code : d.t.indicator !== meta.indicator)) { return; }
      regionsBy[d.t.year] = regionsBy[d.t.year] || {};
      shownBy[d.t.year] = shownBy[d.t.year] || {};
      regionsBy[d.t.year][d.region.id] = true;
      if (shown(d.region)) { shownBy[d.t.year][d.region.id] = true; }
    });
    var count = function (by, y) { return Object.keys(by[y]).length; };
    var years = Object.keys(regionsBy).map(Number).sort(function (a, b) { return b - a; });
    var sel = $('chart-year');
    clear(sel);
    years.forEach(function (y) { sel.appendChild(el('option', { value: String(y), text: y + ' 年 · ' + count(shownBy, y) + ' 地' })); });
    var best = years.slice().sort(function (a, b) { return count(shownBy, b) - count(shownBy, a) || count(regionsBy, b) - count(regionsBy, a) || b - a; })[0];
    if (best) { sel.value = String(best); }
  }

  function loadEscalation() {
    var meta = state.indicators[$('chart-indicator').value];
    var region = state.chartRegions[$('chart-region').value];
    var year = Number($('chart-year').value);
    state.escalation = null;
    if (!meta || !region || !year) {
      drawEscalation([], null);
      $('chart-status').textContent = '该地区及下级暂无目标数据';
      return;
    }
    var filter = { indicator: meta.code || meta.indicator, year: year, region: region.code, measure: meta.measure, level: LEVEL_BELOW[region.level] };
    var request = state.escalationRequest = {};
    $('chart-status').textContent = '加载中…';
    gql('Escalation', { filter: filter }).then(function (data) {
      if (state.escalationRequest !== request) { return; } // a later choice won
      var conn = data.targetEscalation;
      var rows = escalationRows(conn.nodes, region, meta.unit);
      state.escalation = { filter: filter, rows: rows };
      drawEscalation(rows, meta);
      $('chart-status').textContent = escalationSummary(conn, filter, rows);
    }).catch(function (err) { $('chart-status').textContent = ''; showError(err); });
  }

  // escalationRows keeps one row per region: the children of the chart's
  // region (or the county itself), in the indicator's unit; a region that
  // states none or has no report keeps its row, as an empty slot.
  function escalationRows(nodes, region, unit) {
    var seen = {};
    return nodes.filter(function (n) {
      var mine = region.level === 'COUNTY' ? n.region.id === region.id : n.parent && n.parent.id === region.id;
      if (!mine || seen[n.region.id] || (n.status === 'STATED' && n.unit !== unit)) { return false; }
      seen[n.region.id] = true;
      return true;
    });
  }

  function escalationSummary(conn, filter, rows) {
    var lv = conn.byLevel.filter(function (l) { return l.level === filter.level; })[0];
    var text = filter.year + ' 年，' + rows.length + ' 个' + LEVEL_LABEL[filter.level];
    if (!lv) { return text; }
    text += '：' + lv.stated + ' 个设定目标，' + lv.notStated + ' 个未设，' + lv.notLoaded + ' 个无报告';
    if (lv.compared) {
      text += '；可与上级比较的 ' + lv.compared + ' 个中 ' + lv.higher + ' 个高于上级（' + Math.round(lv.shareHigher * 100) + '%），' +
        lv.equal + ' 个持平，' + lv.lower + ' 个低于';
    }
    if (conn.totalCount > conn.nodes.length) { text += '（仅前 ' + conn.nodes.length + ' 行）'; }
    return text;
  }

  function targetText(t) {
    return t ? figure(t) + (QUALIFIER_LABEL[t.qualifier] || '') : '无';
  }

  // drawEscalation: each region's target a bar (red above its parent's,
  // green at or below, grey where nothing compares), the parent's target a
  // dash over it, and the nation's a dashed line across.
  function drawEscalation(rows, meta) {
    var value = function (t) { return t ? t.value : null; };
    var datasets = [
      { type: 'bar', label: '本地区目标（红：高于上级）', order: 2, pointStyle: 'rect', rows: rows,
        data: rows.map(function (n) { return value(n.target); }),
        backgroundColor: rows.map(function (n) { return n.higherThanParent === true ? '#c0392b' : n.higherThanParent === false ? '#229954' : '#7f8c8d'; }) },
      { type: 'line', label: '上级目标', order: 1, showLine: false, pointStyle: 'line', pointRadius: 16, pointBorderWidth: 3,
        borderColor: '#17324d', backgroundColor: '#17324d', rows: rows, data: rows.map(function (n) { return value(n.parentTarget); }) }
    ];
    if (rows.some(function (n) { return n.nationalTarget; })) {
      datasets.push({ type: 'line', label: '全国目标', order: 0, borderColor: '#e8a33d', backgroundColor: '#e8a33d', borderDash: [6, 4],
        borderWidth: 2, pointRadius: 0, pointStyle: 'line', rows: rows, data: rows.map(function (n) { return value(n.nationalTarget); }) });
    }
    if (state.escalationChart) { state.escalationChart.destroy(); }
    state.escalationChart = new Chart($('escalation-chart'), {
      data: { labels: rows.map(function (n) { return n.region.name + (STATUS_NOTE[n.status] || ''); }), datasets: datasets },
      options: chartOptions(function (ctx) {
        var n = ctx.dataset.rows[ctx.dataIndex];
        var t = ctx.datasetIndex === 0 ? n.target : ctx.datasetIndex === 1 ? n.parentTarget : n.nationalTarget;
        var line = ctx.dataset.label.replace(/（.*）/, '') + '：' + targetText(t);
        if (ctx.datasetIndex === 0 && n.difference != null) { line += '，较上级 ' + (n.difference > 0 ? '+' : '') + Math.round(n.difference * 100) / 100; }
        return line;
      }, { beginAtZero: true, grace: '10%', title: { display: true, text: meta ? meta.unit : '' } })
    });
    window.reportgraphExplorer.escalationChart = state.escalationChart;
  }

  // ---------- Diffusion: adoption curve and coverage tree ----------

  // loadDiffusion fetches how the traced entity spread: the adoption chart
  // and the region tree's colours come from it.
  function loadDiffusion(id, label) {
    state.traced = { id: id, label: label };
    state.diffusion = null;
    var request = state.diffusionRequest = {};
    if (state.chartMode === 'adoption') { drawAdoption(); }
    gql('Diffusion', { id: id }).then(function (data) {
      if (state.diffusionRequest !== request) { return; }
      state.diffusion = data.diffusion;
      colourTree();
      if (state.chartMode === 'adoption') { drawAdoption(); }
    }).catch(showError);
  }

  var LEVEL_COLOR = { NATIONAL: '#7f8c8d', PROVINCIAL: '#c0392b', PREFECTURAL: '#2471a3', COUNTY: '#229954' };

  // drawAdoption: per level, how many regions mention the traced entity by
  // each year (a step line), with the new ones and the lag in the tooltip.
  function drawAdoption() {
    if (state.adoptionChart) { state.adoptionChart.destroy(); state.adoptionChart = null; }
    window.reportgraphExplorer.adoptionChart = null;
    var d = state.diffusion;
    if (!d) {
      $('chart-status').textContent = state.traced ? '加载中…' : '先搜索并追踪一个工程：这里画出各级地区逐年累计提及它的数量';
      return;
    }
    var levels = d.levels.filter(function (l) { return l.adopters > 0; });
    // Every level's curve spans the same years; a level no region of which
    // mentions it may have none.
    var years = [];
    d.levels.forEach(function (l) { if (l.curve.length > years.length) { years = l.curve.map(function (p) { return p.year; }); } });
    var datasets = levels.map(function (l) {
      return { type: 'line', label: LEVEL_LABEL[l.level] + ' ' + l.adopters + '/' + l.regions, level: l.level, curve: l.curve,
        data: l.curve.map(function (p) { return p.cumulative; }), stepped: true, pointRadius: 4,
        borderColor: LEVEL_COLOR[l.level], backgroundColor: LEVEL_COLOR[l.level] };
    });
    var lags = levels.filter(function (l) { return l.meanLag != null; }).map(function (l) {
      var lag = Math.round(l.meanLag * 10) / 10;
      return LEVEL_LABEL[l.level].replace(/（.*）/, '') + (lag > 0 ? '平均晚于上级 ' + lag + ' 年' : lag < 0 ? '平均早于上级 ' + (-lag) + ' 年' : '与上级同年');
    });
    $('chart-status').textContent = state.traced.label + '：' + d.adopters.length + ' 个地区提及' + (lags.length ? '；' + lags.join('，') : '');
    state.adoptionChart = new Chart($('adoption-chart'), {
      data: { labels: years.map(String), datasets: datasets },
      options: chartOptions(function (ctx) {
        var p = ctx.dataset.curve[ctx.dataIndex];
        return ctx.dataset.label + '：累计 ' + p.cumulative + '，当年新增 ' + p.adopted;
      }, { beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: '累计提及地区数' } })
    });
    window.reportgraphExplorer.adoptionChart = state.adoptionChart;
  }

  // colourTree colours every region of the tree by the traced entity: its
  // reports mention it (since which year), it has reports that do not, or
  // it has none loaded.
  function colourTree() {
    var first = null;
    if (state.diffusion) {
      first = {};
      state.diffusion.adopters.forEach(function (a) { first[a.region.id] = a.firstYear; });
    }
    state.coverage = first;
    Array.prototype.forEach.call(document.querySelectorAll('#region-tree li[data-region]'), colourItem);
    var legend = $('coverage-legend');
    clear(legend);
    legend.hidden = !first;
    if (first) {
      legend.appendChild(document.createTextNode('着色：' + state.traced.label + ' '));
      legend.appendChild(el('i', { class: 'cov-adopted', text: '已提及 ' + state.diffusion.adopters.length }));
      legend.appendChild(el('i', { class: 'cov-silent', text: '有报告未提及' }));
      legend.appendChild(el('i', { class: 'cov-none', text: '无报告' }));
    }
  }

  function colourItem(li) {
    var name = li.querySelector(':scope > .rname');
    name.classList.remove('cov-adopted', 'cov-silent', 'cov-none');
    name.removeAttribute('title');
    li.removeAttribute('data-coverage');
    var first = state.coverage;
    if (!first) { return; }
    var id = li.getAttribute('data-region');
    var cov = first[id] != null ? 'adopted' : li.getAttribute('data-reports') !== '0' ? 'silent' : 'none';
    li.setAttribute('data-coverage', cov);
    name.classList.add('cov-' + cov);
    name.title = cov === 'adopted' ? first[id] + ' 年起提及' : cov === 'silent' ? '有报告，未提及' : '无报告';
  }

  // ---------- start ----------

  window.reportgraphExplorer = { state: state, ready: false };
  $('search-form').addEventListener('submit', search);
  $('chart-region').addEventListener('change', function () { loadChart($('chart-region').value); });
  $('chart-indicator').addEventListener('change', function () { redrawChart(true); });
  $('chart-year').addEventListener('change', function () { redrawChart(false); });
  Array.prototype.forEach.call(document.querySelectorAll('#chart-tabs button'), function (b) {
    b.addEventListener('click', function () { setChartMode(b.dataset.mode); });
  });
  loadDocument().then(loadTree).then(function () {
    var m = /^#trace=(.+)$/.exec(location.hash);
    if (m) { showTrace(decodeURIComponent(m[1])); }
    window.reportgraphExplorer.ready = true;
    document.body.setAttribute('data-ready', 'true');
  }).catch(function (err) {
    document.body.setAttribute('data-ready', 'error');
    showError(err);
  });
})();

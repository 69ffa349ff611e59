/* actorgraph's HTML view. Reads the page's data block (#ag-data) and drives the vis-network objects that
   pyvis's script made (network, nodes, edges): labels drawn at a fixed screen size, fitting, ego mode with a
   breadcrumb, date and evidence sliders, filters, search, the evidence panel and the dyad matrix.
   Corpus text only ever reaches the page through textContent, fillText and plain-string tooltips.
   #ag-status (hidden) reports what was drawn, for tests. */
(function () {
  "use strict";
  var statusEl = document.getElementById("ag-status");
  var state = {ready: false, drawn: false, ego: [], hover: null, fitScale: 1};
  var counts = {nodes: 0, edges: 0, labels: 0};
  var data, nodeById = {};

  function writeStatus() {
    var body = (typeof network !== "undefined" && network && network.body) ? network.body : null;
    statusEl.textContent = JSON.stringify({
      ready: state.ready, drawn: state.drawn,
      nodes: body ? body.nodeIndices.length : 0, edges: body ? body.edgeIndices.length : 0,
      visible_nodes: counts.nodes, visible_edges: counts.edges, labels: counts.labels,
      ego: state.ego.map(function (id) { return nodeById[id] ? nodeById[id].label : String(id); }),
      errors: window.__agErrors || []
    });
  }
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) { e.textContent = String(text); }
    if (cls) { e.className = cls; }
    return e;
  }
  function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }
  function safeUrl(u) { return (typeof u === "string" && /^https?:\/\/[^\s]+$/i.test(u)) ? u : null; }

  try {
    data = JSON.parse(document.getElementById("ag-data").textContent);
  } catch (err) { window.__agErrors.push("data: " + err); writeStatus(); return; }
  if (typeof network === "undefined" || !network) {
    window.__agErrors.push("vis-network did not start"); writeStatus(); return;
  }
  data.nodes.forEach(function (n) { nodeById[n.id] = n; });
  var byRank = data.nodes.slice().sort(function (a, b) { return a.rank - b.rank; });
  var typeNames = data.typeNames;
  var panel = document.getElementById("ag-panel");

  // ---------------------------------------------------------------- dates: months since year 0
  function monthRange(d) {
    var m = /^(\d{4})(?:-(\d{2}))?/.exec(d ? String(d) : "");
    if (!m) { return null; }
    var y = +m[1];
    return m[2] ? [y * 12 + (+m[2] - 1), y * 12 + (+m[2] - 1)] : [y * 12, y * 12 + 11];
  }
  function monthName(k) { var y = Math.floor(k / 12), mo = k % 12 + 1; return y + "-" + (mo < 10 ? "0" : "") + mo; }
  var firstMonth = null, lastMonth = null;
  data.statements.forEach(function (s) {
    var r = monthRange(s.d);
    s.lo = r ? r[0] : null; s.hi = r ? r[1] : null;
    if (r) {
      firstMonth = firstMonth === null ? r[0] : Math.min(firstMonth, r[0]);
      lastMonth = lastMonth === null ? r[1] : Math.max(lastMonth, r[1]);
    }
  });

  // ---------------------------------------------------------------- controls
  var fromEl = document.getElementById("ag-date-from"), toEl = document.getElementById("ag-date-to");
  var dateLabel = document.getElementById("ag-date-label");
  var months = firstMonth === null ? 0 : lastMonth - firstMonth;
  fromEl.max = toEl.max = String(months); fromEl.value = "0"; toEl.value = String(months);
  if (firstMonth === null) { fromEl.disabled = toEl.disabled = true; }
  var minEl = document.getElementById("ag-min-evidence"), minLabel = document.getElementById("ag-min-evidence-label");
  var most = data.edges.reduce(function (m, e) { return Math.max(m, e.st.length); }, 1);
  minEl.max = String(most); minEl.value = "1";
  if (most < 2) { minEl.disabled = true; }

  var relBox = document.getElementById("ag-relations");
  var relCounts = {};
  data.edges.forEach(function (e) { relCounts[e.rel] = (relCounts[e.rel] || 0) + e.st.length; });
  Object.keys(relCounts).sort().forEach(function (r) {
    var lab = el("label"); var box = el("input"); box.type = "checkbox"; box.checked = true; box.value = r;
    box.className = "ag-rel"; box.addEventListener("change", applyFilters);
    lab.appendChild(box); lab.appendChild(document.createTextNode(" " + r + " (" + relCounts[r] + ")"));
    relBox.appendChild(lab);
  });
  Array.prototype.forEach.call(document.querySelectorAll(".ag-cat"), function (b) {
    b.addEventListener("change", applyFilters);
  });
  [fromEl, toEl, minEl].forEach(function (input) { input.addEventListener("input", applyFilters); });

  function filters() {
    var rels = {}, cats = {}, all = true;
    function read(selector, into) {
      Array.prototype.forEach.call(document.querySelectorAll(selector), function (b) {
        into[b.value] = b.checked; all = all && b.checked;
      });
    }
    read(".ag-rel", rels); read(".ag-cat", cats);
    var a = +fromEl.value, b = +toEl.value;
    if (a > b) { var t = a; a = b; b = t; }
    var full = firstMonth === null || (a === 0 && b === months);
    return {rels: rels, cats: cats, lo: (firstMonth || 0) + a, hi: (firstMonth || 0) + b, full: full,
      minEv: +minEl.value, any: !all || !full || +minEl.value > 1};
  }
  // statements of an edge that pass the filters: all of them over the full date range (undated included),
  // else those whose date overlaps the chosen months (a coarse date counts if any of its months is in range)
  function countIn(e, f) {
    if (f.rels[e.rel] === false || f.cats[e.cat] === false) { return 0; }
    if (f.full) { return e.st.length; }
    var n = 0;
    e.st.forEach(function (i) {
      var s = data.statements[i];
      if (s.lo !== null && s.hi >= f.lo && s.lo <= f.hi) { n += 1; }
    });
    return n;
  }
  function widthFor(n) { return n > 1 ? Math.round(Math.min(1 + 1.5 * Math.log2(n), 8) * 100) / 100 : 1; }
  function edgeTitle(e, n) {
    var dates = e.st.map(function (i) { return data.statements[i].d; }).filter(Boolean).sort();
    var last = dates[dates.length - 1];
    var span = dates.length ? (dates[0] === last ? dates[0] : dates[0] + " … " + last) : "undated";
    return nodeById[e.from].label + (e.sym ? " – " : " → ") + nodeById[e.to].label + "\n" + e.rel + " × " + n +
      (n !== e.st.length ? " of " + e.st.length : "") + " (" + span + ")" +
      (e.hedged ? "\nonly hedged evidence" : "") + "\nclick for the evidence";
  }

  var edgeCount = {}, shownEdge = {}, shownNode = {}, nodeKey = {}, edgeKey = {};
  function applyFilters() {
    var f = filters(), used = {};
    data.edges.forEach(function (e) {
      var n = countIn(e, f);
      edgeCount[e.id] = n;
      shownEdge[e.id] = n > 0 && n >= f.minEv;
      if (shownEdge[e.id]) { used[e.from] = used[e.to] = true; }
    });
    data.nodes.forEach(function (n) { shownNode[n.id] = !f.any || !!used[n.id]; });
    state.ego = state.ego.filter(function (id) { return shownNode[id]; });
    dateLabel.textContent = firstMonth === null ? "no dated statements" :
      monthName(f.lo) + " – " + monthName(f.hi) + (f.full ? " (all dates)" : "");
    minLabel.textContent = "at least " + f.minEv + " statement" + (f.minEv > 1 ? "s" : "") + " per edge";
    render();
    renderCrumbs();
  }

  // ---------------------------------------------------------------- drawing state: hidden, faded, widths
  function egoSets() {
    if (!state.ego.length) { return null; }
    var c = state.ego[state.ego.length - 1], ns = {}, es = {};
    ns[c] = true;
    data.edges.forEach(function (e) {
      if (shownEdge[e.id] && (e.from === c || e.to === c)) { es[e.id] = true; ns[e.from] = ns[e.to] = true; }
    });
    return {center: c, nodes: ns, edges: es};
  }
  function render() {
    var ego = egoSets(), nodeUpdates = [], edgeUpdates = [];
    counts.nodes = counts.edges = 0;
    data.nodes.forEach(function (n) {
      var hidden = !shownNode[n.id], faded = !hidden && !!ego && !ego.nodes[n.id];
      if (!hidden && !faded) { counts.nodes += 1; }
      var key = (hidden ? "h" : "") + (faded ? "f" : "");
      if (nodeKey[n.id] !== key) {
        nodeKey[n.id] = key;
        nodeUpdates.push({id: n.id, hidden: hidden, opacity: faded ? 0.15 : 1});
      }
    });
    data.edges.forEach(function (e) {
      var n = edgeCount[e.id], hidden = !shownEdge[e.id], faded = !hidden && !!ego && !ego.edges[e.id];
      if (!hidden && !faded) { counts.edges += 1; }
      var key = (hidden ? "h" : "") + (faded ? "f" : "") + n;
      if (edgeKey[e.id] !== key) {
        edgeKey[e.id] = key;
        var color = data.edgeColors[e.cat];
        edgeUpdates.push({id: e.id, hidden: hidden, width: widthFor(n), title: edgeTitle(e, n),
          color: {color: color, highlight: color, hover: color, opacity: faded ? 0.07 : 1}});
      }
    });
    if (nodeUpdates.length) { nodes.update(nodeUpdates); }
    if (edgeUpdates.length) { edges.update(edgeUpdates); }
    writeStatus();
  }

  // ---------------------------------------------------------------- fitting
  function canvasSize() {
    var c = network.canvas.frame.canvas;
    return {w: c.clientWidth, h: c.clientHeight};
  }
  function fitTo(ids, whole) {
    if (!ids.length) { return; }
    var pos = network.getPositions(ids), minX = Infinity, minY = Infinity, maxX = -Infinity, maxY = -Infinity;
    ids.forEach(function (id) {
      var p = pos[id], r = nodeById[id].size;
      if (!p) { return; }
      minX = Math.min(minX, p.x - r); maxX = Math.max(maxX, p.x + r);
      minY = Math.min(minY, p.y - r); maxY = Math.max(maxY, p.y + r);
    });
    if (minX === Infinity) { return; }
    var size = canvasSize(), padX = 28, padTop = 44, padBottom = 30;
    var scale = Math.min((size.w - 2 * padX) / Math.max(maxX - minX, 1),
      (size.h - padTop - padBottom) / Math.max(maxY - minY, 1), whole ? 2.0 : 1.0);  // a few actors: not huge
    scale = Math.max(scale, 0.02);
    var shift = (padTop - padBottom) / 2 / scale;
    network.moveTo({position: {x: (minX + maxX) / 2, y: (minY + maxY) / 2 - shift}, scale: scale, animation: false});
    if (whole) { state.fitScale = scale; }
  }
  function shownIds() { return data.nodes.filter(function (n) { return shownNode[n.id]; }).map(function (n) { return n.id; }); }
  function fitAll() { fitTo(shownIds(), true); }

  // ---------------------------------------------------------------- labels, drawn at a fixed screen size
  var measure = document.createElement("canvas").getContext("2d");
  var widths = {};
  function fontFor(px, strong) { return (strong ? "600 " : "") + px + "px system-ui, -apple-system, 'Segoe UI', sans-serif"; }
  function textWidth(label, px, strong) {
    var key = px + (strong ? "b" : "") + "|" + label;
    if (!(key in widths)) { measure.font = fontFor(px, strong); widths[key] = measure.measureText(label).width; }
    return widths[key];
  }
  function overlaps(a, list) {
    for (var i = 0; i < list.length; i += 1) {
      var b = list[i];
      if (a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h) { return true; }
    }
    return false;
  }
  function drawLabels(ctx) {
    var scale = network.getScale(), size = canvasSize(), ego = egoSets();
    var zoom = scale / (state.fitScale || scale);
    var budget = Math.max(data.majorLabels, Math.round(data.majorLabels * zoom * zoom));
    var order = [];
    function add(id, forced) { if (shownNode[id] && !(ego && !ego.nodes[id])) { order.push([id, forced]); } }
    if (state.hover !== null) { add(state.hover, true); }
    if (ego) {
      add(ego.center, true);
      byRank.forEach(function (n) { if (ego.nodes[n.id]) { add(n.id, false); } });
    }
    byRank.forEach(function (n) { if (n.rank < data.majorLabels) { add(n.id, true); } });
    byRank.forEach(function (n) { if (n.rank < budget) { add(n.id, false); } });
    var pos = network.getPositions(), placed = [], done = {}, dots = [];
    data.nodes.forEach(function (n) {  // visible dots are obstacles too: a label should not cover an actor
      if (!shownNode[n.id] || !pos[n.id]) { return; }
      var c = network.canvasToDOM(pos[n.id]), r = n.size * scale;
      if (c.x + r >= 0 && c.y + r >= 0 && c.x - r <= size.w && c.y - r <= size.h) {
        dots.push({x: c.x - r, y: c.y - r, w: 2 * r, h: 2 * r, id: n.id});
      }
    });
    function free(box, own) {
      if (overlaps(box, placed)) { return false; }
      for (var i = 0; i < dots.length; i += 1) {
        var d = dots[i];
        if (d.id !== own && box.x < d.x + d.w && d.x < box.x + box.w && box.y < d.y + d.h && d.y < box.y + box.h) {
          return false;
        }
      }
      return true;
    }
    order.forEach(function (item) {
      if (placed.length >= 400) { return; }
      var id = item[0], forced = item[1], n = nodeById[id];
      if (done[id] || !pos[id]) { return; }
      var c = network.canvasToDOM(pos[id]);
      if (c.x < -50 || c.y < -50 || c.x > size.w + 50 || c.y > size.h + 50) { return; }
      var strong = n.rank < 10, px = strong ? 13 : 12, w = textWidth(n.label, px, strong), h = px + 3;
      var r = n.size * scale;
      var spots = [
        {x: c.x - w / 2, y: c.y + r + 2}, {x: c.x - w / 2, y: c.y - r - 2 - h},
        {x: c.x + r + 4, y: c.y - h / 2}, {x: c.x - r - 4 - w, y: c.y - h / 2},
        {x: c.x + r * 0.7 + 2, y: c.y + r * 0.7}, {x: c.x - r * 0.7 - 2 - w, y: c.y + r * 0.7},
        {x: c.x + r * 0.7 + 2, y: c.y - r * 0.7 - h}, {x: c.x - r * 0.7 - 2 - w, y: c.y - r * 0.7 - h}
      ];
      var box = null;
      for (var i = 0; i < spots.length && !box; i += 1) {
        var s = {x: spots[i].x, y: spots[i].y, w: w, h: h};
        if (s.x >= 0 && s.y >= 0 && s.x + w <= size.w && s.y + h <= size.h && free(s, id)) { box = s; }
      }
      for (var j = 0; j < spots.length && !box && forced; j += 1) {  // a forced label may cover a dot
        var t = {x: spots[j].x, y: spots[j].y, w: w, h: h};
        if (t.x >= 0 && t.y >= 0 && t.x + w <= size.w && t.y + h <= size.h && !overlaps(t, placed)) { box = t; }
      }
      if (!box && forced) {
        box = {x: Math.min(Math.max(spots[0].x, 0), size.w - w), y: Math.min(Math.max(spots[0].y, 0), size.h - h), w: w, h: h};
      }
      if (!box) { return; }
      done[id] = true;
      placed.push(box);
      var at = network.DOMtoCanvas({x: box.x, y: box.y + h / 2});
      ctx.font = fontFor(px / scale, strong);
      ctx.textAlign = "left"; ctx.textBaseline = "middle";
      ctx.lineJoin = "round"; ctx.lineWidth = 3 / scale; ctx.strokeStyle = "rgba(255,255,255,0.92)";
      ctx.strokeText(n.label, at.x, at.y);
      ctx.fillStyle = "#1e1e1e";
      ctx.fillText(n.label, at.x, at.y);
    });
    counts.labels = placed.length;
  }

  // ---------------------------------------------------------------- tooltips, evidence and actor panels
  nodes.update(data.nodes.map(function (n) {
    var lines = [n.label, (typeNames[n.type] || n.type) + (n.state ? " · " + n.state : ""),
      n.activity + " statements"];
    if (n.actors.length > 1) { lines.push("includes: " + n.actors.join(", ")); }
    return {id: n.id, title: lines.join("\n")};
  }));
  function statementBlock(s, cat) {
    var box = el("div", null, "ag-st");
    box.style.borderLeftColor = data.edgeColors[cat];
    var head = el("div", null, "ag-meta");
    head.appendChild(el("b", s.d || "undated"));
    head.appendChild(document.createTextNode(" · " + s.s + " " + s.r + " " + s.o +
      (s.m !== "asserted" ? " · " + s.m : "") + (s.n ? " · negated" : "") + " · confidence " + s.c));
    box.appendChild(head);
    if (s.me) { box.appendChild(el("div", "means: " + s.me, "ag-meta")); }
    box.appendChild(el("blockquote", s.t));
    var src = el("div", null, "ag-meta");
    src.appendChild(document.createTextNode("source: "));
    var name = s.ti ? s.ti + " (" + s.doc + ")" : s.doc;
    var url = safeUrl(s.u);
    if (url) {
      var a = el("a", name); a.href = url; a.target = "_blank"; a.rel = "noopener noreferrer nofollow";
      src.appendChild(a);
    } else {
      src.appendChild(el("span", name));
      if (s.u) { src.appendChild(el("span", " <" + s.u + ">", "ag-url")); }
    }
    box.appendChild(src);
    return box;
  }
  function showEdge(id) {
    var e = data.edges[id]; if (!e) { return; }
    clear(panel);
    panel.appendChild(el("h2", nodeById[e.from].label + (e.sym ? " – " : " → ") + nodeById[e.to].label));
    panel.appendChild(el("div", e.rel + ": " + e.st.length + " statement" + (e.st.length > 1 ? "s" : "") +
      (e.hedged ? " (only hedged evidence)" : ""), "ag-meta"));
    e.st.slice().sort(function (a, b) {
      return String(data.statements[a].d).localeCompare(String(data.statements[b].d));
    }).forEach(function (i) { panel.appendChild(statementBlock(data.statements[i], e.cat)); });
  }
  function edgeList(list) {
    var ul = el("ul");
    list.forEach(function (item) {
      var li = el("li"), link = el("a", item.text);
      link.href = "#edge=" + item.edge.id;
      link.addEventListener("click", function (ev) { ev.preventDefault(); showEdge(item.edge.id); });
      li.appendChild(link); ul.appendChild(li);
    });
    return ul;
  }
  function showNode(id) {
    var n = nodeById[id]; if (!n) { return; }
    clear(panel);
    panel.appendChild(el("h2", n.label));
    panel.appendChild(el("div", (typeNames[n.type] || n.type) + (n.state ? " · " + n.state : "") + " · " +
      n.activity + " statements", "ag-meta"));
    if (n.actors.length > 1) { panel.appendChild(el("div", "includes: " + n.actors.join(", "), "ag-meta")); }
    panel.appendChild(el("div", n.iri, "ag-meta"));
    panel.appendChild(edgeList(data.edges.filter(function (e) {
      return shownEdge[e.id] && (e.from === id || e.to === id);
    }).map(function (e) {
      var other = nodeById[e.from === id ? e.to : e.from];
      return {edge: e, text: e.rel + " " + (e.from === id ? "→ " : "← ") + other.label + " (" + edgeCount[e.id] + ")"};
    })));
  }
  function showPair(a, b) {
    clear(panel);
    panel.appendChild(el("h2", nodeById[a].label + " – " + nodeById[b].label));
    panel.appendChild(edgeList(data.edges.filter(function (e) {
      return (e.from === a && e.to === b) || (e.from === b && e.to === a);
    }).map(function (e) {
      return {edge: e, text: nodeById[e.from].label + " " + e.rel + " " + nodeById[e.to].label + " (" + e.st.length + ")"};
    })));
  }

  // ---------------------------------------------------------------- ego mode and its breadcrumb
  var crumbs = document.getElementById("ag-crumbs");
  function renderCrumbs() {
    clear(crumbs);
    if (!state.ego.length) { return; }
    var all = el("button", "All actors"); all.type = "button"; all.id = "ag-crumb-all";
    all.addEventListener("click", leaveEgo);
    crumbs.appendChild(all);
    state.ego.forEach(function (id, i) {
      crumbs.appendChild(el("span", "›"));
      var b = el("button", nodeById[id].label); b.type = "button";
      if (i === state.ego.length - 1) { b.setAttribute("aria-current", "true"); }
      else { b.addEventListener("click", function () { state.ego = state.ego.slice(0, i + 1); focusEgo(); }); }
      crumbs.appendChild(b);
    });
  }
  function focusEgo() {
    render(); renderCrumbs();
    var ego = egoSets();
    if (ego) { fitTo(Object.keys(ego.nodes).map(Number), false); showNode(ego.center); }
    network.redraw();
  }
  function enterEgo(id, fresh) {
    if (!shownNode[id]) { return; }
    var at = state.ego.indexOf(id);
    if (fresh) { state.ego = [id]; } else if (at >= 0) { state.ego = state.ego.slice(0, at + 1); } else { state.ego.push(id); }
    focusEgo();
  }
  function leaveEgo() { state.ego = []; render(); renderCrumbs(); fitAll(); network.redraw(); }
  document.getElementById("ag-reset").addEventListener("click", leaveEgo);
  network.on("click", function (p) {
    if (p.nodes && p.nodes.length) { enterEgo(p.nodes[0], false); }
    else if (p.edges && p.edges.length) { showEdge(p.edges[0]); }
  });
  network.on("hoverNode", function (p) { state.hover = p.node; network.redraw(); });
  network.on("blurNode", function () { state.hover = null; network.redraw(); });

  // ---------------------------------------------------------------- search and links
  var search = document.getElementById("ag-search"), list = document.getElementById("ag-actors");
  data.nodes.slice().sort(function (a, b) { return a.label.localeCompare(b.label); }).forEach(function (n) {
    var o = document.createElement("option"); o.value = n.label; list.appendChild(o);
  });
  function find(q) {
    q = q.trim().toLowerCase(); if (!q) { return null; }
    var exact = data.nodes.filter(function (n) {
      return n.label.toLowerCase() === q || (n.state && n.state.toLowerCase() === q && n.type === "State");
    });
    if (exact.length) { return exact[0]; }
    var part = data.nodes.filter(function (n) { return n.label.toLowerCase().indexOf(q) >= 0; });
    return part.length ? part[0] : null;
  }
  function go() {
    var n = find(search.value);
    document.getElementById("ag-found").textContent = search.value && !n ? "no actor matches" : "";
    if (n) { network.selectNodes([n.id]); enterEgo(n.id, true); }
  }
  search.addEventListener("change", go);
  search.addEventListener("keydown", function (ev) { if (ev.key === "Enter") { go(); } });
  // links into the page: #edge=ID (its evidence), #node=ID or #actor=NAME (that actor's neighbourhood)
  function fromHash() {
    var hash = window.location.hash || "", m = /^#(edge|node)=(\d+)$/.exec(hash);
    var named = /^#actor=(.+)$/.exec(hash), n = named ? find(decodeURIComponent(named[1])) : null;
    if (m && m[1] === "edge") { showEdge(+m[2]); } else if (m && nodeById[+m[2]]) { enterEgo(+m[2], true); }
    else if (n) { enterEgo(n.id, true); }
  }
  window.addEventListener("hashchange", fromHash);

  // ---------------------------------------------------------------- the dyad matrix
  var matrixPane = document.getElementById("ag-matrix");
  function mix(a, b, t) {
    var x = parseInt(a.slice(1), 16), y = parseInt(b.slice(1), 16), out = "#";
    [16, 8, 0].forEach(function (shift) {
      var v = Math.round(((x >> shift) & 255) * (1 - t) + ((y >> shift) & 255) * t);
      out += (v < 16 ? "0" : "") + v.toString(16);
    });
    return out;
  }
  function buildMatrix() {
    var m = data.matrix, grid = document.getElementById("ag-matrix-grid"), k = m.nodes.length;
    var note = document.getElementById("ag-matrix-note");
    if (k < 2) { note.textContent = "No pair of related actors to show."; return; }
    var top = 0;
    m.net.forEach(function (row) { row.forEach(function (v) { if (v !== null) { top = Math.max(top, Math.abs(v)); } }); });
    note.textContent = "Net polarity between " + (k < m.actors ? "the " + k + " most active of " + m.actors :
      "all " + k) + " actors (all dates), ordered by bloc: green cooperative, red conflictual, grey balanced, " +
      "white no evidence, • ambivalent. Click a cell for the evidence.";
    var table = el("table"), head = el("thead"), hr = el("tr");
    hr.appendChild(el("th"));
    m.nodes.forEach(function (id, j) {
      var th = el("th", nodeById[id].label);
      if (j > 0 && m.bloc[j] !== m.bloc[j - 1]) { th.className = "ag-bloc-left"; }
      hr.appendChild(th);
    });
    head.appendChild(hr); table.appendChild(head);
    var body = el("tbody");
    m.nodes.forEach(function (a, i) {
      var tr = el("tr");
      if (i > 0 && m.bloc[i] !== m.bloc[i - 1]) { tr.className = "ag-bloc-top"; }
      tr.appendChild(el("th", nodeById[a].label));
      m.nodes.forEach(function (b, j) {
        var td = el("td"), v = m.net[i][j], cls = [];
        if (j > 0 && m.bloc[j] !== m.bloc[j - 1]) { cls.push("ag-bloc-left"); }
        if (i === j) { cls.push("ag-self"); }
        else if (v !== null) {
          var t = Math.log(1 + Math.abs(v)) / Math.log(1 + Math.max(top, 1));
          td.style.background = mix("#e4e4e4", v >= 0 ? "#2ca02c" : "#d62728", Math.min(1, t));
          td.title = nodeById[a].label + " – " + nodeById[b].label + ": " + m.classification[i][j] +
            ", net " + (v >= 0 ? "+" : "") + v.toFixed(2) + ", " + m.statements[i][j] + " statements";
          if (m.classification[i][j] === "ambivalent") { td.textContent = "•"; }
          td.addEventListener("click", function () { showPair(a, b); });
        }
        td.className = cls.join(" ");
        tr.appendChild(td);
      });
      body.appendChild(tr);
    });
    table.appendChild(body); grid.appendChild(table);
  }
  var graphTab = document.getElementById("ag-show-graph"), matrixTab = document.getElementById("ag-show-matrix");
  function showView(which) {
    var matrix = which === "matrix";
    if (matrix && !matrixPane.dataset.built) { buildMatrix(); matrixPane.dataset.built = "1"; }
    matrixPane.hidden = !matrix;
    graphTab.setAttribute("aria-selected", String(!matrix)); matrixTab.setAttribute("aria-selected", String(matrix));
  }
  graphTab.addEventListener("click", function () { showView("graph"); });
  matrixTab.addEventListener("click", function () { showView("matrix"); });

  // ---------------------------------------------------------------- start
  network.on("afterDrawing", function (ctx) {
    drawLabels(ctx);
    if (!state.drawn) { state.drawn = true; }
    writeStatus();
  });
  applyFilters();
  fitAll();
  fromHash();
  state.ready = true;
  writeStatus();
  network.redraw();  // the first frame may have been drawn before this script ran: draw (and report) again
  window.addEventListener("load", writeStatus);
  window.addEventListener("resize", function () { if (!state.ego.length) { fitAll(); } });
})();

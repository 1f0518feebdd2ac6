// The dashboard script, served as /assets/board.js under script-src 'self'.
export const BOARD_JS = String.raw`// Revolts board, live: server-sent events name what changed; the card is rebuilt from the JSON API
// with DOM calls (textContent, createElementNS), never from HTML strings.
(function () {
  'use strict';
  var board = document.getElementById('board');
  if (!board) return;
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }
  function svg(tag, attrs) {
    var n = document.createElementNS(SVG, tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k)) n.setAttribute(k, attrs[k]);
    return n;
  }
  function time(ms) { return new Date(ms).toISOString().replace('T', ' ').slice(0, 16) + ' UTC'; }
  function path(values, w, h, max) {
    var step = values.length > 1 ? w / (values.length - 1) : 0;
    return values.map(function (v, i) { return (i ? 'L' : 'M') + (i * step).toFixed(1) + ',' + (h - (max > 0 ? (v / max) * h : 0)).toFixed(1); }).join(' ');
  }
  function sparkline(r) {
    var w = 160, h = 32, t = r.insight.timeline;
    var vol = t.map(function (p) { return p.volume; });
    var exp = t.map(function (p) { return p.expected || 0; });
    var max = Math.max.apply(null, [1].concat(vol, exp));
    var s = svg('svg', { 'class': 'spark', width: w, height: h + 2, viewBox: '0 -1 ' + w + ' ' + (h + 2), role: 'img', 'aria-label': 'Volume against expected baseline for ' + r.label });
    var title = svg('title', {}); title.textContent = 'Volume against expected baseline for ' + r.label; s.appendChild(title);
    if (t.some(function (p) { return p.expected !== null; })) s.appendChild(svg('path', { 'class': 'expected', d: path(exp, w, h, max), fill: 'none', stroke: '#999', 'stroke-dasharray': '3 2', 'stroke-width': '1' }));
    s.appendChild(svg('path', { 'class': 'volume', d: path(vol, w, h, max), fill: 'none', stroke: '#c22', 'stroke-width': '1.6' }));
    return s;
  }
  function card(r) {
    var id = 'revolt-' + r.id;
    var i = r.insight;
    return el('article', { 'class': 'revolt stage-' + r.stage, id: id, 'data-id': r.id, 'data-severity': String(Math.round(r.severity)), tabindex: '0', 'aria-labelledby': id + '-title' }, [
      el('h3', { id: id + '-title' }, [el('span', { 'class': 'prio ' + r.priority }, [r.priority]), ' ', el('a', { href: '/revolts/' + encodeURIComponent(r.id) }, [r.label])]),
      el('p', { 'class': 'meta' }, [
        el('span', { 'class': 'target' }, [r.target]), ' · key ', el('code', { 'class': 'key' }, [r.key]),
        ' · stage ', el('strong', { 'class': 'stage' }, [r.stage]), ' · severity ', el('strong', { 'class': 'severity' }, [String(Math.round(r.severity))]),
        ' · ', el('span', { 'class': 'members' }, [String(r.postIds.length)]), ' posts · opened ' + time(r.openedAt)
      ]),
      el('div', { 'class': 'spark-row' }, [sparkline(r), ' ', el('span', { 'class': 'meta' }, ['sources: ', el('span', { 'class': 'sources' }, [i.sources.join(', ') || '—']), ' · pillar: ', el('span', { 'class': 'pillar' }, [i.pillar || '—'])])]),
      el('p', { 'class': 'why' }, ['Why: ', el('span', { 'class': 'why-text' }, [i.why])]),
      el('ul', { 'class': 'top-posts', 'aria-label': 'Top posts' }, i.topPosts.map(function (p) {
        return el('li', {}, [el('span', { 'class': 'author' }, [p.author]), ' (' + p.followers + ' followers): ', el('span', { 'class': 'post-text' }, [p.text])]);
      }))
    ]);
  }
  function refreshCount() {
    var n = board.querySelectorAll('article.revolt').length;
    var count = document.getElementById('open-count');
    if (count) count.textContent = String(n);
    var empty = document.getElementById('board-empty');
    if (empty) empty.hidden = n > 0;
  }
  function sortCards() {
    var cards = Array.prototype.slice.call(board.querySelectorAll('article.revolt'));
    cards.sort(function (a, b) { return Number(b.getAttribute('data-severity')) - Number(a.getAttribute('data-severity')); });
    cards.forEach(function (c) { board.appendChild(c); });
  }
  function render(r) {
    var existing = document.getElementById('revolt-' + r.id);
    if (r.stage === 'resolved') { if (existing) existing.remove(); refreshCount(); return; }
    var fresh = card(r);
    var hadFocus = existing && existing.contains(document.activeElement);
    if (existing) existing.replaceWith(fresh); else board.prepend(fresh);
    if (hadFocus) fresh.focus();
    sortCards();
    refreshCount();
  }

  var pending = {};
  var timer = null;
  function flush() {
    timer = null;
    Object.keys(pending).forEach(function (id) {
      delete pending[id];
      fetch('/api/revolts/' + encodeURIComponent(id), { credentials: 'same-origin', headers: { Accept: 'application/json' } })
        .then(function (res) { return res.ok ? res.json() : null; })
        .then(function (r) { if (r) render(r); }, function () { /* next event retries */ });
    });
  }
  if (window.EventSource) {
    var es = new EventSource('/api/stream');
    es.addEventListener('revolt', function (ev) {
      try { pending[JSON.parse(ev.data).id] = true; } catch (e) { return; }
      if (!timer) timer = setTimeout(flush, 200);
    });
    es.addEventListener('ready', function () { document.body.setAttribute('data-live', 'on'); });
  }

  // Keyboard: j / k move between revolts, Enter opens the focused one.
  document.addEventListener('keydown', function (ev) {
    var tag = (ev.target && ev.target.tagName) || '';
    if (/INPUT|TEXTAREA|SELECT/.test(tag) || ev.ctrlKey || ev.metaKey || ev.altKey) return;
    var cards = Array.prototype.slice.call(board.querySelectorAll('article.revolt'));
    if (!cards.length) return;
    var at = cards.indexOf(document.activeElement);
    if (ev.key === 'j' || ev.key === 'k') {
      var next = ev.key === 'j' ? Math.min(cards.length - 1, at + 1) : Math.max(0, at < 0 ? 0 : at - 1);
      cards[next].focus();
      ev.preventDefault();
    } else if (ev.key === 'Enter' && at >= 0 && ev.target === cards[at]) {
      var link = cards[at].querySelector('h3 a');
      if (link) location.href = link.getAttribute('href');
    }
  });
})();
`;

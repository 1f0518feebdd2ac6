// The desk's script, served as /assets/desk.js under script-src 'self'. It carries no data: the
// page's attributes and the JSON API give it everything, and it writes with DOM calls and
// textContent only (post text never goes through innerHTML).
export const DESK_JS = String.raw`(function () {
  'use strict';
  var body = document.body;
  var loadedAt = Date.now();
  var base = Number(body.getAttribute('data-now')) || Date.now();
  var speed = Number(body.getAttribute('data-speed')) || 1;
  // the service's clock (the demo's runs faster than the wall clock)
  function now() { return base + (Date.now() - loadedAt) * speed; }
  var meta = document.querySelector('meta[name="backlash-actor"]');
  var me = meta ? meta.getAttribute('content') : null;
  var roleMeta = document.querySelector('meta[name="backlash-role"]');
  var canAct = roleMeta && /agent|admin/.test(roleMeta.getAttribute('content') || '');

  function span(ms) {
    var s = Math.max(0, Math.round(Math.abs(ms) / 1000));
    if (s < 60) return s + ' s';
    var m = Math.floor(s / 60);
    if (m < 60) return m + ' min';
    var h = Math.floor(m / 60);
    if (h < 48) return h + ' h ' + String(m % 60).padStart(2, '0') + ' min';
    return Math.floor(h / 24) + ' d ' + (h % 24) + ' h';
  }
  function el(tag, attrs, children) {
    var n = document.createElement(tag);
    for (var k in attrs) if (Object.prototype.hasOwnProperty.call(attrs, k) && attrs[k] !== null && attrs[k] !== undefined) n.setAttribute(k, attrs[k]);
    (children || []).forEach(function (c) { if (c !== null && c !== undefined) n.appendChild(typeof c === 'string' ? document.createTextNode(c) : c); });
    return n;
  }

  // Countdowns: every second, on the service clock; a breach is marked on the tick it happens.
  function tick() {
    var t = now();
    var badges = document.querySelectorAll('.sla[data-due]');
    for (var i = 0; i < badges.length; i++) {
      var b = badges[i];
      var due = Number(b.getAttribute('data-due'));
      var nearAttr = b.getAttribute('data-near');
      var near = nearAttr ? Number(nearAttr) : null;
      var state = due <= t ? 'breached' : near !== null && near <= t ? 'near-breach' : 'running';
      var what = b.getAttribute('data-clock') === 'resolution' ? 'resolution' : 'first response';
      b.textContent = (state === 'breached' ? 'SLA breached: ' + what + ' overdue by ' + span(t - due) : what + ' due in ' + span(due - t));
      b.className = 'sla ' + state;
      var row = b.closest('.case-row');
      if (row) { row.classList.remove('sla-running', 'sla-near-breach', 'sla-breached', 'sla-closed'); row.classList.add('sla-' + state); }
    }
  }
  tick();
  setInterval(tick, 1000);

  // Templates fill the reply box; "select all" picks every post shown.
  document.addEventListener('change', function (ev) {
    var s = ev.target;
    if (s instanceof HTMLSelectElement && s.hasAttribute('data-fills')) {
      var box = document.getElementById(s.getAttribute('data-fills'));
      var opt = s.options[s.selectedIndex];
      if (box && opt) box.value = opt.getAttribute('data-text') || '';
    }
    if (s instanceof HTMLInputElement && s.id === 'pick-all') {
      var boxes = document.querySelectorAll('#case-posts input[data-pick]');
      for (var i = 0; i < boxes.length; i++) if (boxes[i].offsetParent !== null || s.checked === false) boxes[i].checked = s.checked;
    }
  });

  function get(url) {
    return fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json' } }).then(function (r) { return r.ok ? r.json() : null; });
  }
  function listen(fn) {
    if (!window.EventSource) return;
    var es = new EventSource('/api/stream');
    es.addEventListener('queue', function (ev) { var m = null; try { m = JSON.parse(ev.data); } catch (e) { return; } fn(m); });
    es.addEventListener('ready', function () { body.setAttribute('data-live', 'on'); });
  }

  // The inbox, live: on any change to the queue, fetch the list this view shows and reconcile.
  var inbox = document.getElementById('inbox');
  if (inbox) {
    var query = inbox.getAttribute('data-query') || '';
    var timer = null;
    function schedule() { if (!timer) timer = setTimeout(refresh, 250); }
    function badge(i) {
      if (!i.sla.dueAt) return null;
      return el('span', { 'class': 'sla running', 'data-due': String(Date.parse(i.sla.dueAt)), 'data-near': i.sla.nearAt ? String(Date.parse(i.sla.nearAt)) : '', 'data-clock': i.sla.clock || '', role: 'timer', 'aria-live': 'off' }, ['']);
    }
    function build(i) {
      var link = el('a', { href: '/cases/' + encodeURIComponent(i.id) }, [i.title]);
      var left = el('div', {}, [
        el('h3', {}, [el('span', { 'class': 'prio ' + i.priority }, [i.priority]), ' ', link]),
        el('p', { 'class': 'meta' }, [(i.kind === 'post' ? 'Post' + (i.reasons.length ? ' · needs its own answer: ' + i.reasons.join(', ') : '') : (i.kind === 'revolt' ? 'Revolt case' : 'Case')) + ' · ' + i.target + ' · team ', el('span', { 'class': 'team' }, [i.team || '—']), ' · ', el('span', { 'class': 'status-pill ' + i.status }, [i.status]), ' · ', el('span', { 'class': 'assignee' }, [i.assignee || 'unassigned'])]),
        el('p', { 'class': 'meta' }, [badge(i)]),
        el('p', { 'class': 'warning claimed-warning', role: 'status', hidden: '' }, [])
      ]);
      var actions = el('div', { 'class': 'row-actions' }, [el('a', { 'class': 'button secondary', href: '/cases/' + encodeURIComponent(i.id) }, ['Open case'])]);
      var li = el('li', { 'class': 'case-row prio-' + i.priority, id: 'case-' + i.id, 'data-id': i.id, 'data-status': i.status, 'data-assignee': i.assignee || '' }, [left, actions]);
      syncClaim(li, i);
      return li;
    }
    function syncClaim(li, i) {
      var actions = li.querySelector('.row-actions');
      var form = actions.querySelector('form[data-api$="/claim"]');
      if (i.status === 'new' && canAct && !form) {
        actions.insertBefore(el('form', { 'data-api': '/api/queue/' + encodeURIComponent(i.id) + '/claim', 'data-done': 'Claimed.', 'data-refresh': '' }, [el('button', { type: 'submit' }, ['Claim'])]), actions.firstChild);
      } else if (i.status !== 'new' && form) form.remove();
    }
    function update(li, i) {
      var before = li.getAttribute('data-assignee') || '';
      var now = i.assignee || '';
      if (now && now !== before && now !== me) {
        var w = li.querySelector('.claimed-warning');
        if (w) { w.textContent = now + (i.status === 'claimed' ? ' claimed this just now.' : ' now holds this.'); w.hidden = false; }
      }
      li.setAttribute('data-status', i.status);
      li.setAttribute('data-assignee', now);
      li.className = li.className.replace(/prio-P\d/, 'prio-' + i.priority);
      var st = li.querySelector('.status-pill'); if (st) { st.textContent = i.status; st.className = 'status-pill ' + i.status; }
      var as = li.querySelector('.assignee'); if (as) as.textContent = i.assignee || 'unassigned';
      var tm = li.querySelector('.team'); if (tm) tm.textContent = i.team || '—';
      var pr = li.querySelector('.prio'); if (pr) { pr.textContent = i.priority; pr.className = 'prio ' + i.priority; }
      var b = li.querySelector('.sla[data-due]');
      if (b && i.sla.dueAt) { b.setAttribute('data-due', String(Date.parse(i.sla.dueAt))); b.setAttribute('data-near', i.sla.nearAt ? String(Date.parse(i.sla.nearAt)) : ''); b.setAttribute('data-clock', i.sla.clock || ''); }
      syncClaim(li, i);
    }
    function refresh() {
      timer = null;
      get('/api/queue?' + query).then(function (list) {
        if (!list) return;
        var keep = {};
        list.items.forEach(function (i) {
          keep[i.id] = true;
          var li = document.getElementById('case-' + i.id);
          if (li) update(li, i); else li = build(i);
          inbox.appendChild(li); // in the list's order: most urgent first
        });
        Array.prototype.slice.call(inbox.querySelectorAll('li.case-row')).forEach(function (li) { if (!keep[li.getAttribute('data-id')]) li.remove(); });
        var empty = document.getElementById('inbox-empty'); if (empty) empty.hidden = list.items.length > 0;
        var c = list.counts || {};
        var map = { open: c.open, breached: c.breached, 'near-breach': c.nearBreach, 'awaiting-approval': c.awaitingApproval };
        Object.keys(map).forEach(function (k) { var n = document.querySelector('[data-count="' + k + '"]'); if (n && map[k] !== undefined) n.textContent = String(map[k]); });
        tick();
        body.setAttribute('data-refreshed', String(Date.now()));
      }, function () { /* the next event retries */ });
    }
    listen(schedule);
    document.addEventListener('backlash:changed', schedule);
  }

  // A case: someone else claiming, assigning or closing it is announced at once.
  var kase = document.getElementById('case');
  if (kase) {
    var id = kase.getAttribute('data-id');
    listen(function (m) {
      if (!m || m.id !== id) return;
      get('/api/queue/' + encodeURIComponent(id)).then(function (i) {
        if (!i) return;
        var w = document.getElementById('claimed-warning');
        var assignee = i.assignee || '';
        var changed = assignee !== (kase.getAttribute('data-assignee') || '') || i.status !== kase.getAttribute('data-status');
        if (w && changed && assignee !== me) {
          w.textContent = '';
          w.appendChild(document.createTextNode((assignee ? assignee + (i.status === 'claimed' ? ' claimed' : ' now holds') + ' this case' : 'This case is now ' + i.status) + ' just now. '));
          var a = el('a', { href: location.pathname }, ['Reload to see the latest']);
          w.appendChild(a);
          w.hidden = false;
        }
        var b = document.querySelector('#case .sla[data-due]');
        if (b && i.sla.dueAt) { b.setAttribute('data-due', String(Date.parse(i.sla.dueAt))); b.setAttribute('data-near', i.sla.nearAt ? String(Date.parse(i.sla.nearAt)) : ''); }
        tick();
      });
    });
  }
})();
`;

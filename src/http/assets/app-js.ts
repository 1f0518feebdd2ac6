// The dashboard script, served as /assets/app.js under script-src 'self'.
export const APP_JS = String.raw`// Backlash dashboard: forms marked data-api are sent to the JSON API with the session's CSRF token.
// Results are written with textContent only; nothing from the server is ever parsed as HTML.
(function () {
  'use strict';
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute('content') : '';
  var flash = document.getElementById('flash');
  function say(msg, bad) {
    if (!flash) return;
    flash.textContent = msg;
    flash.className = bad ? 'flash bad' : 'flash';
  }
  try {
    var saved = sessionStorage.getItem('backlash-flash');
    if (saved) { sessionStorage.removeItem('backlash-flash'); say(saved, false); }
  } catch (e) { /* storage may be unavailable */ }

  function call(method, url, body) {
    var init = { method: method, credentials: 'same-origin', headers: { 'Accept': 'application/json', 'X-CSRF-Token': csrf || '' } };
    if (body !== undefined) { init.headers['Content-Type'] = 'application/json'; init.body = JSON.stringify(body); }
    return fetch(url, init).then(function (res) {
      return res.text().then(function (text) {
        var data = null;
        try { data = text ? JSON.parse(text) : null; } catch (e) { data = null; }
        if (!res.ok) throw new Error(data && data.error ? data.error.code + ': ' + data.error.message : 'HTTP ' + res.status);
        return data;
      });
    });
  }
  window.backlashApi = call;

  function bodyOf(form) {
    var body = {};
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled || el.name === '_csrf') continue;
      if (el.type === 'checkbox') { body[el.name] = el.checked; continue; }
      if (el.value === '') continue;
      if (el.value === 'null' && el.tagName === 'SELECT') { body[el.name] = null; continue; }
      body[el.name] = el.getAttribute('data-type') === 'boolean' ? el.value === 'true' : el.value;
    }
    // posts picked with checkboxes elsewhere on the page (a case's posts): data-picks names their container
    var picks = form.getAttribute('data-picks');
    if (picks) {
      var boxes = document.querySelectorAll('#' + picks + ' input[data-pick]:checked');
      var ids = [];
      for (var p = 0; p < boxes.length; p++) ids.push(boxes[p].value);
      if (ids.length) body.postIds = ids;
      else if (form.hasAttribute('data-picks-required')) throw new Error('Select posts first.');
    }
    var json = form.getAttribute('data-json');
    if (json && typeof body[json] === 'string') {
      var parsed = JSON.parse(body[json]);
      delete body[json];
      for (var k in parsed) if (Object.prototype.hasOwnProperty.call(parsed, k) && !(k in body)) body[k] = parsed[k];
    }
    var wrap = form.getAttribute('data-wrap');
    if (wrap) { var inner = {}; inner[wrap] = [body]; body = inner; }
    return body;
  }

  document.addEventListener('submit', function (ev) {
    var form = ev.target;
    if (!(form instanceof HTMLFormElement) || !form.hasAttribute('data-api')) return;
    ev.preventDefault();
    var method = (form.getAttribute('data-method') || 'POST').toUpperCase();
    var body;
    try { body = method === 'DELETE' ? undefined : bodyOf(form); } catch (e) { say(e instanceof SyntaxError ? 'Settings: not valid JSON' : e.message, true); return; }
    var url = form.getAttribute('data-api');
    var append = form.getAttribute('data-api-append');
    if (append && body) {
      if (!body[append]) { say(append + ': required', true); return; }
      url += '/' + encodeURIComponent(body[append]);
      delete body[append];
    }
    var buttons = form.querySelectorAll('button');
    for (var b = 0; b < buttons.length; b++) buttons[b].disabled = true;
    call(method, url, body).then(function (data) {
      var done = form.getAttribute('data-done') || 'Done.';
      var target = form.getAttribute('data-result');
      if (target) {
        var pick = form.getAttribute('data-pick');
        var out = document.getElementById(target);
        if (out) out.textContent = pick && data ? String(data[pick]) : JSON.stringify(data, null, 2);
      }
      var go = form.getAttribute('data-go');
      if (go && data) {
        var v = go.split('.').reduce(function (o, k) { return o && o[k]; }, data);
        if (v) { try { sessionStorage.setItem('backlash-flash', done); } catch (e) { /* ignore */ } location.href = (form.getAttribute('data-go-prefix') || '') + encodeURIComponent(v); return; }
      }
      if (form.hasAttribute('data-refresh')) document.dispatchEvent(new CustomEvent('backlash:changed'));
      if (form.hasAttribute('data-reload')) {
        try { sessionStorage.setItem('backlash-flash', done); } catch (e) { /* ignore */ }
        location.reload();
        return;
      }
      say(done, false);
      for (var b2 = 0; b2 < buttons.length; b2++) buttons[b2].disabled = false;
    }, function (err) {
      say(err.message, true);
      for (var b3 = 0; b3 < buttons.length; b3++) buttons[b3].disabled = false;
    });
  });
})();
`;

// ni's site script (examples/jobs/19-site.sh): the page-wide language
// switch (remembered), and on archive/search.html the search over
// search-index.json.  Values from the index are set as text, never HTML.
(function () {
  'use strict';
  var root = document.documentElement;
  var saved = null;
  try { saved = localStorage.getItem('lang'); } catch (e) { saved = null; }
  root.setAttribute('data-lang', saved === 'en' ? 'en' : 'ko');
  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }
  document.addEventListener('DOMContentLoaded', function () {
    var b = document.querySelector('.lang-switch');
    if (b) {
      b.hidden = false;
      b.addEventListener('click', function () {
        var l = root.getAttribute('data-lang') === 'ko' ? 'en' : 'ko';
        root.setAttribute('data-lang', l);
        try { localStorage.setItem('lang', l); } catch (e) { /* private mode */ }
      });
    }
    var box = document.getElementById('q');
    var out = document.getElementById('hits');
    if (!box || !out) return;
    var base = out.getAttribute('data-root') || '';
    var items = null;
    function safe(u) { return /^https?:\/\//i.test(u) ? u : null; }
    function show() {
      var q = box.value.trim().toLowerCase();
      out.textContent = '';
      var st = document.getElementById('status');
      if (!items || !q) { st.textContent = items ? '' : 'Loading…'; return; }
      var n = 0;
      items.forEach(function (it) {
        var hay = [it.title, it.title_en, it.summary_ko, it.summary_en, it.source,
                   (it.tags || []).join(' '), (it.categories || []).join(' '),
                   it.body_text].join('\n').toLowerCase();
        if (hay.indexOf(q) < 0) return;
        n++;
        var li = el('li', null, 'card hit');
        li.setAttribute('data-id', it.id);
        var h = el('h2');
        var href = it.type === 'daily' ? safe(it.url) : base + it.page_url;
        var a = el(href ? 'a' : 'span', it.title || it.title_en || it.id);
        if (href) a.href = href;
        h.appendChild(a);
        li.appendChild(h);
        li.appendChild(el('p', [it.type, it.date, it.source].filter(Boolean).join(' · '), 'meta'));
        var s = it.summary_ko || it.summary_en || '';
        if (s) li.appendChild(el('p', s.length > 240 ? s.slice(0, 240) + '…' : s));
        if (it.type === 'daily' && it.page_url) {
          var p = el('p', null, 'meta');
          var m = el('a', 'Archive ' + it.date.slice(0, 7));
          m.href = base + it.page_url + 'index.html';
          p.appendChild(m);
          li.appendChild(p);
        }
        out.appendChild(li);
      });
      st.textContent = n + (n === 1 ? ' result' : ' results') + ' for “' + box.value.trim() + '”';
    }
    var q0 = new URLSearchParams(location.search).get('q');
    if (q0) box.value = q0;
    box.addEventListener('input', show);
    var x = new XMLHttpRequest();
    x.open('GET', base + 'search-index.json');
    x.onload = function () {
      try { items = JSON.parse(x.responseText).items || []; } catch (e) { items = []; }
      show();
    };
    x.send();
  });
})();

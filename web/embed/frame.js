// embed.html: the checker in an <iframe>, for host pages that cannot load modules. Reads the
// same options as <xborder-checker>'s attributes from the query string (lang, list, sector,
// compact) and puts one element on this page. A file of its own: the page's CSP allows no
// inline script. Like the element, it keeps no draft and writes no storage.
import './embed.js';

const q = new URLSearchParams(location.search);
const el = document.createElement('xborder-checker');
for (const name of ['lang', 'list', 'sector']) {
  const v = q.get(name);
  if (v) el.setAttribute(name, v);
}
// `compact` is a boolean: present (`?compact`, `?compact=1`) unless given as 0/false/no.
if (q.has('compact') && !/^(0|false|no)$/i.test(q.get('compact'))) el.setAttribute('compact', '');
if (!q.get('lang')) el.setAttribute('lang', /^zh/i.test(navigator.language) ? 'zh' : 'en');
document.documentElement.lang = el.getAttribute('lang') === 'zh' ? 'zh-CN' : 'en';
// CSSOM, not a style attribute: allowed by the page's CSP (style-src 'self').
document.body.style.margin = '0';
document.body.append(el);

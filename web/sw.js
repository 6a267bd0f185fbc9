// The offline copy of this build (issue 14): a service worker that keeps the files the page
// loads, so the page and its permalinks open with no network. web/embed/build.mjs writes it
// into the build output with this build's file names and a version made of their contents.
//
// What it does, and all it does:
// - install: puts this build's files into the cache `xborder-<version>`, each read from the
//   browser's HTTP cache where the page has just loaded it (`cache: 'force-cache'`), so the
//   server is asked again only for a file it never sent;
// - activate: deletes every other `xborder-` cache (older builds) and takes over open pages;
// - fetch: answers a GET for one of these files, or a navigation to the page (a permalink's
//   fragment is never sent, so every permalink is a navigation to index.html), from the cache,
//   else from the network as usual. Anything else it leaves alone: it never fetches anything
//   but its own files, and it stores nothing the user entered (the fragment never reaches it).
const VERSION = '__XBORDER_VERSION__';
const FILES = __XBORDER_FILES__;
const CACHE = `xborder-${VERSION}`;
const scope = new URL(self.registration.scope);
const urls = FILES.map((f) => new URL(f, scope).href);
const INDEX = new URL('index.html', scope).href;

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    for (const url of urls) {
      const res = await fetch(url, { cache: 'force-cache', credentials: 'omit', redirect: 'error' });
      if (!res.ok) throw new Error(`offline copy: ${url}: ${res.status}`);
      await cache.put(url, res);
    }
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const key of await caches.keys()) {
      if (key.startsWith('xborder-') && key !== CACHE) await caches.delete(key);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const req = event.request;
  if (req.method !== 'GET') return;
  const url = new URL(req.url);
  url.hash = '';
  let key = url.href;
  if (req.mode === 'navigate' && url.origin === scope.origin && (key === scope.href || key === INDEX)) key = INDEX;
  if (!urls.includes(key)) return;
  event.respondWith((async () => {
    const hit = await caches.match(key, { cacheName: CACHE });
    return hit || fetch(req);
  })());
});

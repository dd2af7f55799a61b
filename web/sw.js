// Offline after one visit: the app shell is cached at install; requests are served from the
// cache first and refreshed in the background. /api/ is never cached.
const CACHE = 'deskbill-__BUILD__';
const FILES = ['./', 'index.html', 'deskbill.js', 'deskbill.wasm', 'deskbill.data', 'manifest.webmanifest', 'icon-192.png', 'icon-512.png',
  'snapshot_reader.js'];

self.addEventListener('install', (e) => {
  e.waitUntil(caches.open(CACHE).then((c) => c.addAll(FILES)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (e) => {
  e.waitUntil(caches.keys()
    .then((keys) => Promise.all(keys.filter((k) => k !== CACHE).map((k) => caches.delete(k))))
    .then(() => self.clients.claim()));
});

self.addEventListener('fetch', (e) => {
  const url = new URL(e.request.url);
  if (e.request.method !== 'GET' || url.pathname.startsWith('/api/')) return;
  e.respondWith(caches.open(CACHE).then(async (cache) => {
    const key = url.pathname.endsWith('/') ? 'index.html' : e.request;
    const hit = await cache.match(key, { ignoreSearch: true });
    const refresh = fetch(e.request).then((r) => {
      if (r.ok && url.origin === location.origin) cache.put(key, r.clone());
      return r;
    }).catch(() => hit);
    return hit || refresh;
  }));
});

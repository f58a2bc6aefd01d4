// The playground's service worker: the page works offline once loaded. The
// build prepends `VERSION` (a hash of the site) and `PRECACHE` (the page, its
// scripts, styles, hashing kernels and corpus surfaces). Answers come from
// the cache first; anything else is cached when first fetched.
/* global VERSION, PRECACHE */

const CACHE = `mochi-playground-${VERSION}`;

self.addEventListener("install", (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith("mochi-playground-") && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith(
    caches.open(CACHE).then(async (cache) => {
      // The page itself is one entry whatever its fragment or query.
      const key = request.mode === "navigate" ? new URL("./", self.registration.scope).href : request;
      const hit = await cache.match(key, { ignoreSearch: request.mode === "navigate" });
      if (hit !== undefined) return hit;
      const response = await fetch(request);
      if (response.ok) await cache.put(key, response.clone());
      return response;
    }),
  );
});

/* The panel's service worker: keeps the app's shell (styles, scripts, icons) so the app opens
   without a network, and the receipts page last seen, so a receipt can be photographed and
   queued offline (static/upload.js sends it when the network returns). Nothing else is kept:
   every other page and every answer of the API goes to the network. */
"use strict";
var VERSION = "panel-shell-v2";  // a new name: the kept shell is fetched again
var SHELL = ["/assets/dashboard.css", "/assets/upload.js", "/assets/refresh.js",
             "/assets/app.js", "/assets/queue.js", "/assets/icons/icon-192.png", "/manifest.webmanifest"];
var PAGES = ["/receipts"];  // navigations kept for offline use, newest copy wins

self.addEventListener("install", function (event) {
  event.waitUntil(caches.open(VERSION).then(function (cache) { return cache.addAll(SHELL); })
    .then(function () { return self.skipWaiting(); }));
});

self.addEventListener("activate", function (event) {
  event.waitUntil(caches.keys().then(function (names) {
    return Promise.all(names.filter(function (name) { return name !== VERSION; })
      .map(function (name) { return caches.delete(name); }));
  }).then(function () { return self.clients.claim(); }));
});

self.addEventListener("message", function (event) {  // logging out: forget the kept page
  if (event.data === "forget-pages") {
    caches.open(VERSION).then(function (cache) {
      PAGES.forEach(function (path) { cache.delete(path); });
    });
  }
});

self.addEventListener("fetch", function (event) {
  var request = event.request;
  if (request.method !== "GET") return;
  var url = new URL(request.url);
  if (url.origin !== self.location.origin) return;
  if (SHELL.indexOf(url.pathname) >= 0) {  // the shell: from the cache, refreshed behind
    event.respondWith(caches.open(VERSION).then(function (cache) {
      return cache.match(request).then(function (kept) {
        var fresh = fetch(request).then(function (response) {
          if (response.ok) cache.put(request, response.clone());
          return response;
        });
        return kept || fresh;
      });
    }));
  } else if (request.mode === "navigate" && PAGES.indexOf(url.pathname) >= 0) {
    event.respondWith(fetch(request).then(function (response) {  // the network first
      if (response.ok && !response.redirected) {
        var copy = response.clone();
        caches.open(VERSION).then(function (cache) { cache.put(url.pathname, copy); });
      }
      return response;
    }).catch(function () {
      return caches.match(url.pathname).then(function (kept) {
        return kept || new Response("You are offline.", {status: 503,
          headers: {"Content-Type": "text/plain; charset=utf-8"}});
      });
    }));
  }
});

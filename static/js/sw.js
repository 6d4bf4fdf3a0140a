// jd400's service worker: keeps this browser's own case pages (the card and the call page,
// once opened here) and the stylesheets and scripts, for reading with no connection.
// Pages are kept under their own URL, only as this browser fetched them: never another
// case's. A case deleted, taken off this device or gone from the server (404) loses its
// kept pages at once.
"use strict";

var CACHE = "jd400-pages-v1";
var CASE_PAGE = /^\/c\/([A-Za-z0-9_-]+)\/(card|call)\/$/;
var FORGETTING = /^\/c\/([A-Za-z0-9_-]+)\/(delete|forget|new-link)\/$/;

self.addEventListener("install", function () {
  self.skipWaiting();
});

self.addEventListener("activate", function (event) {
  event.waitUntil(
    caches.keys().then(function (names) {
      return Promise.all(names.filter(function (name) { return name !== CACHE; }).map(function (name) {
        return caches.delete(name);
      }));
    }).then(function () { return self.clients.claim(); })
  );
});

function forget(token) {
  return caches.open(CACHE).then(function (cache) {
    return cache.keys().then(function (requests) {
      return Promise.all(requests.filter(function (request) {
        return new URL(request.url).pathname.indexOf("/c/" + token + "/") === 0;
      }).map(function (request) { return cache.delete(request); }));
    });
  });
}

// A full page, as a plain navigation gets it (never an htmx fragment), kept under its path.
function keep(path) {
  return fetch(path, { credentials: "same-origin", redirect: "follow" }).then(function (response) {
    if (response.ok && !response.redirected) {
      return caches.open(CACHE).then(function (cache) { return cache.put(path, response); });
    }
  }).catch(function () {});
}

function keptOrError(path) {
  return caches.match(path, { ignoreVary: true, ignoreSearch: false }).then(function (kept) {
    return kept || Response.error();
  });
}

function casePage(event, path, token) {
  var request = event.request;
  var fragment = request.headers.get("HX-Request") === "true";
  return fetch(request).then(function (response) {
    if (response.status === 404) {
      event.waitUntil(forget(token));
    } else if (response.ok && !response.redirected) {
      if (fragment) {
        event.waitUntil(keep(path));
      } else {
        var copy = response.clone();
        event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(path, copy); }));
      }
    }
    return response;
  }, function () {
    return keptOrError(path);
  });
}

function asset(event, path) {
  return fetch(event.request).then(function (response) {
    if (response.ok) {
      var copy = response.clone();
      event.waitUntil(caches.open(CACHE).then(function (cache) { return cache.put(path, copy); }));
    }
    return response;
  }, function () {
    return keptOrError(path);
  });
}

self.addEventListener("fetch", function (event) {
  var url = new URL(event.request.url);
  if (url.origin !== self.location.origin) return;
  var method = event.request.method;
  if (method === "POST") {
    var gone = url.pathname.match(FORGETTING);
    if (!gone) return;
    event.respondWith(fetch(event.request).then(function (response) {
      if (response.ok || response.type === "opaqueredirect" || response.redirected) {
        event.waitUntil(forget(gone[1]));
      }
      return response;
    }));
    return;
  }
  if (method !== "GET" || url.search) return;
  var page = url.pathname.match(CASE_PAGE);
  if (page) {
    event.respondWith(casePage(event, url.pathname, page[1]));
  } else if (url.pathname.indexOf("/static/") === 0) {
    event.respondWith(asset(event, url.pathname));
  }
});

// A page opened before this worker controlled it asks to be kept (offline.js).
self.addEventListener("message", function (event) {
  var data = event.data || {};
  if (data.type !== "keep" || !CASE_PAGE.test(data.page || "")) return;
  var assets = (data.assets || []).filter(function (path) {
    return typeof path === "string" && path.indexOf("/static/") === 0;
  });
  event.waitUntil(Promise.all([keep(data.page)].concat(assets.map(keep))));
});

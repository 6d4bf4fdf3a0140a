// Registers the service worker (/sw.js) that keeps this browser's own case pages for
// reading with no connection. Every page works without it.
(function () {
  "use strict";
  if (!("serviceWorker" in navigator) || !window.isSecureContext) return;

  var CASE_PAGE = /^\/c\/[^/]+\/(card|call)\/$/;

  // The page the worker did not see (the first visit, before it controlled the page) is
  // handed to it to keep, with the stylesheets and scripts it needs.
  function keepThisPage(worker) {
    if (!worker || !CASE_PAGE.test(location.pathname)) return;
    var assets = [];
    document.querySelectorAll('link[rel="stylesheet"], script[src], link[rel="icon"], link[rel="manifest"]').forEach(function (el) {
      assets.push(el.getAttribute("href") || el.getAttribute("src"));
    });
    worker.postMessage({ type: "keep", page: location.pathname, assets: assets });
  }

  // Whether the worker served this page: checked before registering, as a new worker
  // claims the page as soon as it is active.
  var served = !!navigator.serviceWorker.controller;

  window.addEventListener("load", function () {
    navigator.serviceWorker.register("/sw.js", { scope: "/" }).then(function () {
      return navigator.serviceWorker.ready;
    }).then(function (registration) {
      // A page the worker served itself is kept already (sw.js, on fetch).
      if (!served) keepThisPage(registration.active);
    }).catch(function () { /* no offline copy: the pages still work online */ });
  });
})();

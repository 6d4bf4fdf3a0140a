// The call page (templates/cases/call/page.html), enhanced: a running call timer, the
// screen kept awake, the notes sent when the tab is hidden or closed. The page is whole
// without this file: the start time is printed and "保存笔记" saves.
(function () {
  "use strict";

  var tick = null;
  var wakeLock = null;
  var dirty = false;

  function onCallPage() {
    return document.getElementById("call-form");
  }

  function twoDigits(n) {
    return (n < 10 ? "0" : "") + n;
  }

  function startTimer() {
    var timer = document.getElementById("call-timer");
    if (!timer || timer.dataset.ready) return;
    // Counted from the server's figure, not the phone's clock (which may be off).
    var already = parseInt(timer.getAttribute("data-elapsed"), 10);
    if (isNaN(already)) return;
    var started = Date.now() - already * 1000;
    timer.dataset.ready = "1";
    var elapsed = timer.querySelector(".on-call__elapsed");
    var clock = timer.querySelector(".on-call__clock");
    elapsed.hidden = false;
    function update() {
      if (!document.body.contains(clock)) {
        clearInterval(tick);
        tick = null;
        return;
      }
      var seconds = Math.max(0, Math.floor((Date.now() - started) / 1000));
      var minutes = Math.floor(seconds / 60);
      var text = minutes >= 60
        ? Math.floor(minutes / 60) + ":" + twoDigits(minutes % 60) + ":" + twoDigits(seconds % 60)
        : minutes + ":" + twoDigits(seconds % 60);
      clock.textContent = text;
    }
    if (tick) clearInterval(tick);
    update();
    tick = setInterval(update, 1000);
  }

  // Screen Wake Lock where the browser has it: the screen stays on while the shopper
  // talks with the phone on speaker. The browser drops the lock when the tab is hidden;
  // it is asked for again when the page shows.
  function keepAwake() {
    if (!("wakeLock" in navigator) || !onCallPage() || wakeLock) return;
    // Allowed only where the page was loaded as the call page (its Permissions-Policy);
    // asking elsewhere would only be refused.
    var policy = document.permissionsPolicy || document.featurePolicy;
    if (policy && policy.allowsFeature && !policy.allowsFeature("screen-wake-lock")) return;
    navigator.wakeLock.request("screen").then(function (lock) {
      wakeLock = lock;
      lock.addEventListener("release", function () { wakeLock = null; });
    }).catch(function () { /* not allowed here (battery saver, no user gesture) */ });
  }

  function letSleep() {
    if (wakeLock && !onCallPage()) {
      wakeLock.release().catch(function () {});
      wakeLock = null;
    }
  }

  function showAutoSave() {
    var status = document.getElementById("notes-saved");
    if (status && status.dataset.auto) status.textContent = status.dataset.auto;
  }

  // Anything typed since the last save goes out when the tab is hidden or closed (the
  // phone rings, the shopper switches apps): a beacon survives the page going away.
  function sendIfDirty() {
    var form = onCallPage();
    if (!form || !dirty || !navigator.sendBeacon) return;
    if (navigator.sendBeacon(form.getAttribute("action"), new FormData(form))) dirty = false;
  }

  // Typed before this script ran (a slow phone loads the page, the shopper starts at once):
  // no input event was seen, so compare the fields with what the server sent.
  function changedSinceLoad(form) {
    return Array.prototype.some.call(form.elements, function (field) {
      if (field.type === "checkbox" || field.type === "radio") return field.checked !== field.defaultChecked;
      if (field.tagName === "SELECT") {
        return Array.prototype.some.call(field.options, function (option) {
          return option.selected !== option.defaultSelected;
        });
      }
      if (field.type === "hidden" || !("defaultValue" in field)) return false;
      return field.value !== field.defaultValue;
    });
  }

  function setUp() {
    if (!onCallPage()) {
      letSleep();
      return;
    }
    startTimer();
    keepAwake();
    showAutoSave();
  }

  document.addEventListener("input", function (event) {
    if (event.target.closest && event.target.closest("#call-form")) dirty = true;
  });
  document.addEventListener("change", function (event) {
    if (event.target.closest && event.target.closest("#call-form")) dirty = true;
  });
  document.addEventListener("htmx:afterRequest", function (event) {
    if (event.detail.elt && event.detail.elt.id === "call-form" && event.detail.successful) dirty = false;
  });
  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "hidden") sendIfDirty();
    else keepAwake();
  });
  window.addEventListener("pagehide", sendIfDirty);
  // A native submit ("保存笔记", "通话结束") carries everything itself.
  document.addEventListener("submit", function (event) {
    if (event.target.id === "call-form") dirty = false;
  });
  document.addEventListener("DOMContentLoaded", function () {
    var form = onCallPage();
    if (form && changedSinceLoad(form)) dirty = true;
    setUp();
  });
  document.addEventListener("htmx:afterSettle", setUp);
})();

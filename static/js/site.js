// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Live "characters left" counters under fields that have a maximum length.
  function setUpCounters(root) {
    root.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var field = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!field || counter.dataset.ready) return;
      var max = parseInt(field.getAttribute("maxlength"), 10);
      if (!max) return;
      counter.dataset.ready = "1";
      counter.setAttribute("aria-live", "polite");
      var template = counter.textContent;
      function update() {
        var left = max - field.value.length;
        counter.textContent = document.documentElement.lang === "en"
          ? left + " characters left (of " + max + ")"
          : "还可以输入 " + left + " 字（最多 " + max + " 字）";
      }
      field.addEventListener("input", update);
      update();
      counter.dataset.template = template;
    });
  }

  // After a swap, move focus to the error summary or the new page's heading, so screen
  // reader and keyboard users land where a full page load would have put them.
  function focusAfterSwap(root) {
    var target = root.querySelector("#error-summary") || root.querySelector("h1");
    if (target) {
      if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
      target.focus({ preventScroll: true });
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    setUpCounters(document);
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    setUpCounters(document);
    if (event.detail && event.detail.target && event.detail.target.id === "main") {
      focusAfterSwap(document.getElementById("main"));
    }
  });
})();

// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Live "characters left" counters under fields that have a maximum length; the words
  // come translated in data-msg-left (field.html).
  function setUpCounters(root) {
    root.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var field = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!field || counter.dataset.ready) return;
      var max = parseInt(field.getAttribute("maxlength"), 10);
      if (!max) return;
      counter.dataset.ready = "1";
      counter.setAttribute("aria-live", "polite");
      function update() {
        counter.textContent = counter.dataset.msgLeft.replace("{left}", String(max - field.value.length));
      }
      field.addEventListener("input", update);
      update();
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

  // Copy and print buttons stay hidden without JavaScript: the text sits in a read-only
  // block that is easy to select, and the browser's own print works.
  function revealEnhancedButtons(root) {
    var canCopy = navigator.clipboard && window.isSecureContext;
    root.querySelectorAll(".js-copy").forEach(function (button) {
      if (canCopy) button.hidden = false;
    });
    root.querySelectorAll(".js-print").forEach(function (button) {
      button.hidden = false;
    });
  }

  document.addEventListener("click", function (event) {
    var copy = event.target.closest(".js-copy");
    if (copy) {
      var source = document.getElementById(copy.getAttribute("data-copy-from"));
      if (!source) return;
      var isField = source.tagName === "TEXTAREA" || source.tagName === "INPUT";
      var text = isField ? source.value : source.textContent;
      navigator.clipboard.writeText(text.trim()).then(function () {
        var label = copy.textContent;
        copy.textContent = copy.getAttribute("data-copied") || label;
        setTimeout(function () { copy.textContent = label; }, 2000);
      });
      return;
    }
    if (event.target.closest(".js-print")) window.print();
  });

  document.addEventListener("DOMContentLoaded", function () {
    revealEnhancedButtons(document);
    setUpCounters(document);
    var summary = document.getElementById("error-summary");
    if (summary) summary.focus();
  });
  document.addEventListener("htmx:afterSettle", function (event) {
    revealEnhancedButtons(document);
    setUpCounters(document);
    if (event.detail && event.detail.target && event.detail.target.id === "main") {
      focusAfterSwap(document.getElementById("main"));
    }
  });
})();

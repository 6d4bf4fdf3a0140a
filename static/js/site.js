// Progressive enhancement only: every page works without this file.
(function () {
  "use strict";

  // Live counters under fields that have a maximum length; the words come translated in
  // data-msg-left / data-msg-over (jd400site/form_renderer.py). The field has no maxlength: the browser cut
  // a pasted text without a word, so the whole text stays and the counter says how much is
  // over, never a negative "left". Characters are counted as the server counts them: by
  // code point, a line break as one (cases/forms.py, text_length).
  function setUpCounters(root) {
    root.querySelectorAll("[data-counter-for]").forEach(function (counter) {
      var field = document.getElementById(counter.getAttribute("data-counter-for"));
      if (!field || counter.dataset.ready) return;
      var max = parseInt(field.getAttribute("data-maxlength"), 10);
      if (!max) return;
      counter.dataset.ready = "1";
      counter.setAttribute("aria-live", "polite");
      function update() {
        var length = Array.from(field.value).length;
        var over = length > max;
        counter.classList.toggle("counter--over", over);
        if (over) {
          counter.textContent = counter.dataset.msgOver.replace("{over}", String(length - max));
        } else if (counter.dataset.msgLeft) {
          counter.textContent = counter.dataset.msgLeft.replace("{left}", String(max - length));
        } else {
          counter.textContent = "";
        }
      }
      field.addEventListener("input", update);
      update();
    });
  }

  // After a swap, move focus to the error summary or the new page's heading, so screen
  // reader and keyboard users land where a full page load would have put them.
  // A confirmation that belongs further down (the card's "通话记录已保存" beside the calls)
  // is scrolled into view as the page would open at its #anchor without JavaScript.
  function focusAfterSwap(root) {
    var message = root.querySelector("[data-focus-after-swap]");
    if (message && !root.querySelector("#error-summary")) {
      // after htmx's own scroll to the top, which follows this event
      setTimeout(function () { message.focus(); }, 0);
      return;
    }
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
        var copied = copy.getAttribute("data-copied") || label;
        copy.textContent = copied;
        setTimeout(function () { copy.textContent = label; }, 2000);
        // A button's new label is not announced: the live region says it (base.html).
        // Emptied first, so a second copy is announced again.
        var live = document.getElementById("live-status");
        if (live) {
          live.textContent = "";
          setTimeout(function () { live.textContent = copied; }, 100);
        }
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

// The evidence step, enhanced: drag and drop, paste a screenshot (Ctrl+V), and a progress
// bar while uploading. Without this file the upload form posts and redirects as usual.
(function () {
  "use strict";
  if (window.jd400Evidence) return; // loaded twice (full page, then a swap): one is enough
  window.jd400Evidence = true;

  function currentForm() {
    return document.querySelector("[data-evidence-upload]");
  }

  // Replace #main with the page the server answered (the step after its redirect, or the
  // step shown again with refusals), so messages and the new thumbnails appear at once.
  function showPage(html) {
    var doc = new DOMParser().parseFromString(html, "text/html");
    var fresh = doc.getElementById("main");
    var main = document.getElementById("main");
    if (!fresh || !main) {
      window.location.reload();
      return;
    }
    fresh = document.importNode(fresh, true);
    main.replaceWith(fresh);
    if (doc.title) document.title = doc.title;
    if (window.htmx) window.htmx.process(fresh);
    enhance(fresh);
    // site.js sets up counters and copy buttons in new content on this event.
    document.dispatchEvent(new CustomEvent("jd400:swapped", { detail: { root: fresh } }));
    var focus = fresh.querySelector("#error-summary") || fresh.querySelector("[role=status]") ||
      fresh.querySelector("h1");
    if (focus) {
      if (!focus.hasAttribute("tabindex")) focus.setAttribute("tabindex", "-1");
      focus.focus();
    }
  }

  function upload(form, files) {
    var data = new FormData(form);
    if (files) {
      data.delete("files");
      files.forEach(function (file) { data.append("files", file, file.name); });
    }
    var box = form.querySelector("[data-upload-progress]");
    var bar = box.querySelector("progress");
    var status = box.querySelector("[data-upload-status]");
    var buttons = form.querySelectorAll("button");
    box.hidden = false;
    bar.value = 0;
    status.textContent = form.dataset.msgProgress.replace("{percent}", "0");
    buttons.forEach(function (b) { b.disabled = true; });

    var xhr = new XMLHttpRequest();
    xhr.open("POST", form.action);
    xhr.upload.addEventListener("progress", function (event) {
      if (!event.lengthComputable) return;
      var percent = Math.round((event.loaded / event.total) * 100);
      bar.value = percent;
      status.textContent = form.dataset.msgProgress.replace("{percent}", String(percent));
    });
    xhr.upload.addEventListener("load", function () {
      bar.value = 100;
      status.textContent = form.dataset.msgProcessing;
    });
    xhr.addEventListener("load", function () {
      // Our own refusals (413 "too big", 404, 403 "page expired") are whole pages with a
      // #main in the shopper's language: show them rather than a generic network message.
      var ours = xhr.responseText && xhr.responseText.indexOf('id="main"') !== -1;
      if ((xhr.status >= 200 && xhr.status < 300) || ours) {
        showPage(xhr.responseText);
      } else {
        failed();
      }
    });
    xhr.addEventListener("error", failed);
    xhr.addEventListener("abort", failed);
    xhr.send(data);

    function failed() {
      status.textContent = form.dataset.msgFailed;
      buttons.forEach(function (b) { b.disabled = false; });
    }
  }

  function enhance(root) {
    var form = root.querySelector("[data-evidence-upload]");
    if (!form || form.dataset.enhanced) return;
    form.dataset.enhanced = "1";
    form.classList.add("evidence-upload--enhanced");
    form.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      upload(form, null);
    });

    var zone = form.querySelector("[data-drop-zone]");
    ["dragenter", "dragover"].forEach(function (name) {
      zone.addEventListener(name, function (event) {
        event.preventDefault();
        zone.classList.add("evidence-drop--over");
      });
    });
    ["dragleave", "drop"].forEach(function (name) {
      zone.addEventListener(name, function () { zone.classList.remove("evidence-drop--over"); });
    });
    zone.addEventListener("drop", function (event) {
      event.preventDefault();
      var files = Array.prototype.slice.call(event.dataTransfer.files || []);
      if (files.length) upload(form, files);
    });
  }

  // A pasted screenshot has no useful name ("image.png"): give it one the list can show.
  function pastedName(form, file, index) {
    // China time, whatever the computer's clock zone: the name shows on the card.
    var china = new Date(Date.now() + 8 * 60 * 60 * 1000);
    var stamp = china.toISOString().slice(0, 19).replace(/[-:T]/g, "");
    var extension = (file.type.split("/")[1] || "png").replace("jpeg", "jpg");
    return form.dataset.pastedName + "-" + stamp + (index ? "-" + index : "") + "." + extension;
  }

  document.addEventListener("paste", function (event) {
    var form = currentForm();
    if (!form || !event.clipboardData) return;
    var files = Array.prototype.slice.call(event.clipboardData.files || []).filter(
      function (file) { return file.type.indexOf("image/") === 0; }
    );
    if (!files.length) return; // plain text pastes into the caption as usual
    event.preventDefault();
    upload(form, files.map(function (file, index) {
      return new File([file], pastedName(form, file, index), { type: file.type });
    }));
  });

  // Dropping a file anywhere else would make the browser open it and leave the page.
  ["dragover", "drop"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      if (currentForm() && event.target.closest && !event.target.closest("[data-drop-zone]")) event.preventDefault();
    });
  });

  document.addEventListener("DOMContentLoaded", function () { enhance(document); });
  if (document.readyState !== "loading") enhance(document);
  document.addEventListener("htmx:afterSettle", function () { enhance(document); });
})();

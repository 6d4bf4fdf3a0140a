// The evidence step, enhanced: drag and drop, paste a screenshot (Ctrl+V), and a progress
// bar while htmx sends the (boosted) upload form. Without this file the form posts and
// redirects as usual; without htmx, dropped and pasted files still post that way.
(function () {
  "use strict";

  function uploadForm() {
    return document.querySelector("[data-evidence-upload]");
  }

  function enhance() {
    var form = uploadForm();
    if (!form || form.dataset.enhanced) return;
    form.dataset.enhanced = "1";
    form.classList.add("evidence-upload--enhanced");
    form.querySelectorAll("[data-js-only]").forEach(function (el) { el.hidden = false; });
  }

  // Dropped or pasted files go into the file input, then the form is sent as if the shopper
  // had chosen them and pressed 上传: kind and caption travel with them.
  function submitFiles(form, files) {
    var chosen = new DataTransfer();
    files.forEach(function (file) { chosen.items.add(file); });
    form.querySelector("input[type=file]").files = chosen.files;
    form.requestSubmit();
  }

  function report(form, percent) {
    var box = form.querySelector("[data-upload-progress]");
    box.hidden = false;
    box.querySelector("progress").value = percent;
    box.querySelector("[data-upload-status]").textContent = percent < 100
      ? form.dataset.msgProgress.replace("{percent}", String(percent))
      : form.dataset.msgProcessing;
  }

  function fromUploadForm(event) {
    return event.target.matches("[data-evidence-upload]");
  }

  // More files than the server reads in one request: say so here, without sending them
  // (the server would stop reading early, and the browser would call that a network error).
  function tooMany(form) {
    var count = form.querySelector("input[type=file]").files.length;
    if (count <= parseInt(form.dataset.maxFiles, 10)) return false;
    var box = form.querySelector("[data-upload-progress]");
    box.hidden = false;
    box.querySelector("[data-upload-status]").textContent =
      form.dataset.msgTooMany.replace("{count}", String(count));
    return true;
  }

  document.addEventListener("htmx:beforeRequest", function (event) {
    if (!fromUploadForm(event)) return;
    if (tooMany(event.target)) {
      event.preventDefault();
      return;
    }
    report(event.target, 0);
  });
  // Without htmx the form posts itself: the same check first.
  document.addEventListener("submit", function (event) {
    if (window.htmx || !fromUploadForm(event)) return;
    if (tooMany(event.target)) event.preventDefault();
  });
  // htmx reports the upload's progress, then the answer's download under the same name: the
  // bar follows the upload only, and at 100% the server is checking and resizing images.
  document.addEventListener("htmx:xhr:progress", function (event) {
    if (!fromUploadForm(event) || !event.detail.lengthComputable) return;
    if (event.target.querySelector("[data-upload-progress] progress").value === 100) return;
    report(event.target, Math.round((event.detail.loaded / event.detail.total) * 100));
  });
  // An error page from the server swaps in like any page; only a lost connection needs words.
  document.addEventListener("htmx:sendError", function (event) {
    if (!fromUploadForm(event)) return;
    event.target.querySelector("[data-upload-status]").textContent = event.target.dataset.msgFailed;
  });

  // A pasted screenshot has no useful name ("image.png"): give it one the list can show.
  function pastedName(form, file, index) {
    // China time, whatever the computer's clock zone: the name shows on the card.
    var china = new Date(Date.now() + 8 * 60 * 60 * 1000);
    var stamp = china.toISOString().slice(0, 19).replace(/[-:T]/g, "");
    var extension = (file.type.split("/")[1] || "png").replace("jpeg", "jpg");
    return form.dataset.pastedName + "-" + stamp + (index ? "-" + index : "") + "." + extension;
  }

  document.addEventListener("paste", function (event) {
    var form = uploadForm();
    if (!form || !event.clipboardData) return;
    var files = Array.from(event.clipboardData.files || []).filter(
      function (file) { return file.type.indexOf("image/") === 0; }
    );
    if (!files.length) return; // plain text pastes into the caption as usual
    event.preventDefault();
    submitFiles(form, files.map(function (file, index) {
      return new File([file], pastedName(form, file, index), { type: file.type });
    }));
  });

  // Files dropped on the drop zone are uploaded; dropped anywhere else on the step, the
  // browser would open the file and leave the page, so that drop does nothing.
  ["dragenter", "dragover", "dragleave", "drop"].forEach(function (name) {
    document.addEventListener(name, function (event) {
      var form = uploadForm();
      if (!form) return;
      if (name !== "dragleave") event.preventDefault();
      var zone = event.target.closest && event.target.closest("[data-drop-zone]");
      if (!zone) return;
      zone.classList.toggle("evidence-drop--over", name === "dragenter" || name === "dragover");
      var files = name === "drop" ? Array.from(event.dataTransfer.files) : [];
      if (files.length) submitFiles(form, files);
    });
  });

  enhance(); // a deferred script: the page is parsed
  document.addEventListener("htmx:afterSettle", enhance);
})();

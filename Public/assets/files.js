// The Files page's upload: sends the chosen (or dropped) file to POST /api/v1/files as the request body, with the
// session's CSRF token, shows its progress, then reloads the list. A refusal is shown as the server worded it,
// as text. Without script the page says to use the API.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  if (!form) return;
  var input = document.getElementById("file");
  var purpose = document.getElementById("purpose");
  var zone = document.getElementById("drop-zone");
  var progress = document.getElementById("upload-progress");
  var status = document.getElementById("upload-status");
  var csrf = form.querySelector("input[name='csrf_token']");

  function finish(message) {
    progress.hidden = true;
    status.textContent = message;
  }

  function upload(file) {
    var request = new XMLHttpRequest();
    var query = "?purpose=" + encodeURIComponent(purpose.value) + "&name=" + encodeURIComponent(file.name);
    request.open("POST", form.getAttribute("data-upload-url") + query);
    request.setRequestHeader("Content-Type", file.type || "application/octet-stream");
    request.setRequestHeader("Accept", "application/json");
    if (csrf) request.setRequestHeader("X-CSRF-Token", csrf.value);
    request.upload.addEventListener("progress", function (event) {
      if (event.lengthComputable) progress.value = Math.round((event.loaded / event.total) * 100);
    });
    request.addEventListener("load", function () {
      if (request.status === 201) {
        finish(file.name + " is uploaded.");
        window.location.reload();
        return;
      }
      var reason = "The upload was refused (" + request.status + ").";
      try {
        reason = JSON.parse(request.responseText).error.message || reason;
      } catch (ignored) { /* not JSON: keep the status line */ }
      finish(reason);
    });
    request.addEventListener("error", function () {
      finish("The upload did not reach the server. Check the connection and try again.");
    });
    progress.value = 0;
    progress.hidden = false;
    status.textContent = "Uploading " + file.name + "…";
    request.send(file);
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    if (input.files.length === 0) {
      finish("Choose a file first.");
      input.focus();
      return;
    }
    upload(input.files[0]);
  });
  zone.addEventListener("dragover", function (event) {
    event.preventDefault();
    zone.classList.add("drop-zone-active");
  });
  zone.addEventListener("dragleave", function () { zone.classList.remove("drop-zone-active"); });
  zone.addEventListener("drop", function (event) {
    event.preventDefault();
    zone.classList.remove("drop-zone-active");
    if (event.dataTransfer.files.length > 0) upload(event.dataTransfer.files[0]);
  });
})();

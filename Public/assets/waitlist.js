// The waitlist form: runs the bot check, posts JSON, shows the answer, and a refusal that names a field next to
// that field. No HTML is built from server text: it goes in as textContent.
(function () {
  "use strict";
  var form = document.getElementById("waitlist-form");
  if (!form) return;
  var status = document.getElementById("waitlist-status");

  // A refusal that names a field is shown next to it, as the server-rendered forms do.
  function clearFieldError() {
    var old = form.querySelector(".field-error");
    if (old) old.remove();
    form.querySelectorAll("[aria-invalid]").forEach(function (input) {
      input.removeAttribute("aria-invalid");
      input.removeAttribute("aria-describedby");
    });
  }

  function showFieldError(name, reason) {
    var input = form.querySelector("input[name='" + name + "']");
    if (!input) return false;
    var label = form.querySelector("label[for='" + input.id + "']");
    var error = document.createElement("p");
    error.className = "field-error";
    error.id = name + "-error";
    error.textContent = (label && input.type !== "checkbox" ? label.textContent + " " : "") + reason;
    // Above the field; for the consent box, above its row.
    var before = input.type === "checkbox" ? input.parentNode : input;
    before.parentNode.insertBefore(error, before);
    input.setAttribute("aria-invalid", "true");
    input.setAttribute("aria-describedby", error.id);
    input.focus();
    return true;
  }

  form.addEventListener("submit", async function (event) {
    event.preventDefault();
    var button = form.querySelector("button");
    button.disabled = true;
    status.textContent = "Checking you are not a robot…";
    try {
      var botCheck = await window.ParleyBotCheck.answer("waitlist");
      var data = new FormData(form);
      var response = await fetch(form.action, {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({
          email: data.get("email"), name: data.get("name"), company: data.get("company") || null,
          consent: data.get("consent") === "on", bot_check: botCheck
        })
      });
      var answer = await response.json();
      clearFieldError();
      if (response.ok) {
        status.textContent = answer.message;
      } else {
        var field = /^Field '([a-z_]+)': (.*)$/.exec(answer.error.message);
        status.textContent = field && showFieldError(field[1], field[2]) ? "Please check the form." : answer.error.message;
      }
    } catch (error) {
      status.textContent = "Something went wrong: " + error.message;
    } finally {
      button.disabled = false;
    }
  });
})();

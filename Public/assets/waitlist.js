// The waitlist form: runs the bot check, posts JSON, shows the answer. No HTML is built from server text.
(function () {
  "use strict";
  var form = document.getElementById("waitlist-form");
  if (!form) return;
  var status = document.getElementById("waitlist-status");

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
      status.textContent = response.ok ? answer.message : answer.error.message;
    } catch (error) {
      status.textContent = "Something went wrong: " + error.message;
    } finally {
      button.disabled = false;
    }
  });
})();

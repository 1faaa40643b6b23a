// Moves the token of a mailed link (after "#token=", which browsers never send to a server) into the page's
// form, then removes it from the address bar and history.
(function () {
  "use strict";
  var match = /(?:^#|&)token=([0-9a-f]{64})(?:&|$)/.exec(window.location.hash);
  var field = document.getElementById("link-token");
  if (match && field) {
    field.value = match[1];
    history.replaceState(null, "", window.location.pathname + window.location.search);
  }
})();

// A form marked data-bot-check (sign-up) answers the bot check before it is sent: the answer goes into its
// hidden bot_check[...] fields, then the form is submitted as usual.
(function () {
  "use strict";
  var form = document.querySelector("form[data-bot-check]");
  if (!form || !window.ParleyBotCheck) return;
  var answered = false;
  form.addEventListener("submit", async function (event) {
    if (answered) return;
    event.preventDefault();
    var button = form.querySelector("button[type=submit]");
    if (button) button.disabled = true;
    try {
      var answer = await window.ParleyBotCheck.answer(form.getAttribute("data-bot-check"));
      Object.keys(answer).forEach(function (key) {
        var field = form.querySelector("input[name='bot_check[" + key + "]']");
        if (field) field.value = answer[key];
      });
      answered = true;
      form.submit();
    } catch (error) {
      if (button) button.disabled = false;
    }
  });
})();

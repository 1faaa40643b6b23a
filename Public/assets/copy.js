// Copy buttons: after each element marked `data-copy="what"`, a button that copies its value (a field) or its
// text (a list of codes), and a status line that says whether it worked. Without script, or where the browser
// gives no clipboard, the text can still be selected and copied by hand.
(function () {
  "use strict";
  if (!navigator.clipboard) return;
  document.querySelectorAll("[data-copy]").forEach(function (source) {
    var what = source.getAttribute("data-copy");
    var button = document.createElement("button");
    button.type = "button";
    button.className = "button-secondary copy-button";
    button.textContent = "Copy the " + what;
    var status = document.createElement("span");
    status.className = "copy-status";
    status.setAttribute("role", "status");
    button.addEventListener("click", function () {
      var text = "value" in source ? source.value : source.innerText;
      navigator.clipboard.writeText(text).then(
        function () { status.textContent = "Copied."; },
        function () { status.textContent = "The browser did not allow copying: select the text and copy it."; });
    });
    source.insertAdjacentElement("afterend", status);
    source.insertAdjacentElement("afterend", button);
  });
})();

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

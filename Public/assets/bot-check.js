// Parley's bot check in the browser. Loaded as a file (the CSP forbids inline script).
//
// ParleyBotCheck.answer(action) fetches a challenge and resolves to the fields a form sends as `bot_check`:
// - proof of work: finds a counter such that SHA-256("<nonce>:<counter>") starts with `difficulty` zero bits;
// - Cloudflare Turnstile: renders the widget into #bot-check and resolves with its token.
(function (root) {
  "use strict";

  function leadingZeroBits(bytes) {
    var bits = 0;
    for (var i = 0; i < bytes.length; i++) {
      if (bytes[i] === 0) { bits += 8; continue; }
      return bits + Math.clz32(bytes[i]) - 24;
    }
    return bits;
  }

  async function solve(nonce, difficulty) {
    var encoder = new TextEncoder();
    for (var counter = 0; ; counter++) {
      var digest = await root.crypto.subtle.digest("SHA-256", encoder.encode(nonce + ":" + counter));
      if (leadingZeroBits(new Uint8Array(digest)) >= difficulty) return String(counter);
    }
  }

  function turnstileToken(siteKey, action) {
    return new Promise(function (resolve, reject) {
      var container = root.document.getElementById("bot-check");
      if (!container || !root.turnstile) { reject(new Error("Turnstile is not loaded")); return; }
      root.turnstile.render(container, {
        sitekey: siteKey, action: action,
        callback: resolve, "error-callback": function () { reject(new Error("Turnstile failed")); }
      });
    });
  }

  async function answer(action) {
    var response = await root.fetch("/api/v1/bot-check/challenge", { headers: { Accept: "application/json" } });
    if (!response.ok) throw new Error("The bot check is unavailable (" + response.status + ")");
    var challenge = await response.json();
    if (challenge.kind === "turnstile") {
      return { turnstile_token: await turnstileToken(challenge.site_key, action) };
    }
    return { pow_nonce: challenge.nonce, pow_solution: await solve(challenge.nonce, challenge.difficulty) };
  }

  root.ParleyBotCheck = { answer: answer, solve: solve };
})(typeof window !== "undefined" ? window : globalThis);

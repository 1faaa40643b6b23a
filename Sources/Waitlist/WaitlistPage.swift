import ParleyCore
import Vapor

/// The waitlist's HTML: escaped values, no inline script or style (the CSP allows neither).
enum WaitlistPage {
    static func html(_ body: String, turnstile: Bool = false, status: HTTPResponseStatus = .ok,
                     scripts: [String] = ["/assets/waitlist.js"]) -> Response {
        HTML.botCheckPage(title: "Join the Parley beta", body: body, scripts: scripts, turnstile: turnstile, status: status)
    }

    static func form(turnstile: Bool) -> String {
        """
        <h1>Join the Parley beta</h1>
        <p>Parley answers your website's visitors and closes deals with signed proposals. Leave your address and we'll invite you.</p>
        <form id="waitlist-form" method="post" action="/api/v1/waitlist">
        <p><label>Email <input type="email" name="email" required maxlength="254" autocomplete="email"></label></p>
        <p><label>Name <input type="text" name="name" required maxlength="100" autocomplete="name"></label></p>
        <p><label>Company <input type="text" name="company" maxlength="100" autocomplete="organization"></label></p>
        <p><label><input type="checkbox" name="consent" required> I agree that Parley may email me about the beta.</label></p>
        \(turnstile ? "<div id=\"bot-check\"></div>" : "<p><small>Submitting runs a short check in your browser to keep robots out.</small></p>")
        <p><button type="submit">Join the waitlist</button></p>
        <p id="waitlist-status" role="status"></p>
        </form>
        """
    }

    /// The token is filled in from the link's fragment by `/assets/auth.js`, as on the account pages.
    static func confirmButton() -> String {
        """
        <h1>Confirm your place</h1>
        <form method="post" action="/waitlist/confirm">
        <input type="hidden" name="token" id="link-token" value="">
        <p><button type="submit">Confirm my email address</button></p>
        </form>
        """
    }

    static func message(_ title: String, _ text: String) -> String {
        "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(text))</p>"
    }
}

import Foundation
import ParleyCore
import Vapor

/// The HTML of the sign-in pages: plain forms that work without script, labelled fields, escaped values.
/// The one script (`/assets/auth.js`) moves a mailed link's `#token=…` into the form.
package enum AccountPages {
    package static func render(_ title: String, _ body: String, status: HTTPResponseStatus = .ok) -> Response {
        HTML.page(title: title + " · Parley", body: body, scripts: ["/assets/auth.js"], status: status)
    }

    /// The sign-up page, whose form runs the bot check before it is sent.
    static func renderSignUp(_ body: String, turnstile: Bool, status: HTTPResponseStatus = .ok) -> Response {
        HTML.botCheckPage(title: "Create an account · Parley", body: body, scripts: ["/assets/auth.js"], turnstile: turnstile, status: status)
    }

    static func notice(_ text: String?, error: Bool = false) -> String {
        guard let text else { return "" }
        return error ? "<p role=\"alert\"><strong>\(HTML.escape(text))</strong></p>" : "<p role=\"status\">\(HTML.escape(text))</p>"
    }

    static func field(_ label: String, name: String, type: String = "text", autocomplete: String, value: String = "", required: Bool = true,
                      extra: String = "") -> String {
        "<p><label for=\"\(name)\">\(HTML.escape(label))</label><br><input id=\"\(name)\" name=\"\(name)\" type=\"\(type)\" autocomplete=\"\(autocomplete)\" value=\"\(HTML.escape(value))\"\(required ? " required" : "")\(extra)></p>"
    }

    static let passwordHint = "<p><small>12 to 128 characters. A phrase of several words is easy to remember and hard to guess.</small></p>"

    static func tokenField() -> String {
        "<input type=\"hidden\" name=\"token\" id=\"link-token\" value=\"\">"
    }

    static func signUp(message: String? = nil, error: String? = nil, email: String = "", turnstile: Bool = false) -> String {
        """
        <h1>Create your Parley account</h1>
        \(notice(message))\(notice(error, error: true))
        <form method="post" action="/sign-up" data-bot-check="sign-up">
        \(field("Email", name: "email", type: "email", autocomplete: "email", value: email, extra: " maxlength=\"254\""))
        \(field("Your name", name: "display_name", autocomplete: "name", required: false, extra: " maxlength=\"100\""))
        \(field("Password", name: "password", type: "password", autocomplete: "new-password", extra: " minlength=\"12\" maxlength=\"128\""))
        \(passwordHint)
        <input type="hidden" name="bot_check[pow_nonce]" value=""><input type="hidden" name="bot_check[pow_solution]" value="">
        <input type="hidden" name="bot_check[turnstile_token]" value="">
        \(turnstile ? "<div id=\"bot-check\"></div>" : "<p><small>Creating an account runs a short check in your browser to keep robots out.</small></p>")
        <p><button type="submit">Create account</button></p>
        </form>
        <p>Already have an account? <a href="/sign-in">Sign in</a>.</p>
        """
    }

    static func signIn(providers: [Settings.ExternalProvider], returnTo: String, message: String? = nil, error: String? = nil, email: String = "") -> String {
        let buttons = providers.map { provider in
            "<li><a href=\"/auth/external/\(HTML.escape(provider.id))/start?return_to=\(HTML.escape(returnTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""))\">Continue with \(HTML.escape(provider.displayName))</a></li>"
        }.joined()
        return """
        <h1>Sign in to Parley</h1>
        \(notice(message))\(notice(error, error: true))
        <form method="post" action="/sign-in">
        <input type="hidden" name="return_to" value="\(HTML.escape(returnTo))">
        \(field("Email", name: "email", type: "email", autocomplete: "username", value: email, extra: " maxlength=\"254\""))
        \(field("Password", name: "password", type: "password", autocomplete: "current-password", extra: " maxlength=\"128\""))
        <p><button type="submit">Sign in</button></p>
        </form>
        \(buttons.isEmpty ? "" : "<nav aria-label=\"Other ways to sign in\"><ul>\(buttons)</ul></nav>")
        <p><a href="/forgot-password">Forgot your password?</a> · <a href="/sign-up">Create an account</a></p>
        """
    }

    static func secondFactor(returnTo: String, error: String? = nil) -> String {
        """
        <h1>Two-factor authentication</h1>
        \(notice(error, error: true))
        <form method="post" action="/sign-in/second-factor">
        <input type="hidden" name="return_to" value="\(HTML.escape(returnTo))">
        \(field("Code from your authenticator app", name: "code", autocomplete: "one-time-code", required: false, extra: " inputmode=\"numeric\" pattern=\"[0-9 ]{6,8}\" maxlength=\"8\""))
        \(field("Or a recovery code", name: "recovery_code", autocomplete: "off", required: false, extra: " maxlength=\"16\""))
        <p><button type="submit">Continue</button></p>
        </form>
        """
    }

    /// The form a mailed link opens: the script moves the link's token into it. `hiddenFields` carries extra
    /// inputs, such as the CSRF field of a signed-in page.
    package static func tokenForm(title: String, action: String, button: String, explanation: String, error: String? = nil,
                                  password: Bool = false, hiddenFields: String = "") -> String {
        """
        <h1>\(HTML.escape(title))</h1>
        \(notice(error, error: true))
        <p>\(HTML.escape(explanation))</p>
        <form method="post" action="\(action)">
        \(tokenField())
        \(hiddenFields)
        \(password ? field("New password", name: "password", type: "password", autocomplete: "new-password", extra: " minlength=\"12\" maxlength=\"128\"") + passwordHint : "")
        <p><button type="submit">\(HTML.escape(button))</button></p>
        </form>
        <noscript><p>This page needs JavaScript to read the link you opened.</p></noscript>
        """
    }

    static func setup(error: String? = nil) -> String {
        """
        <h1>Create the owner account</h1>
        \(notice(error, error: true))
        <p>This link works once, for an hour after the server printed it. The owner administers this Parley installation.</p>
        <form method="post" action="/setup">
        \(tokenField())
        \(field("Email", name: "email", type: "email", autocomplete: "email", extra: " maxlength=\"254\""))
        \(field("Your name", name: "display_name", autocomplete: "name", required: false, extra: " maxlength=\"100\""))
        \(field("Password", name: "password", type: "password", autocomplete: "new-password", extra: " minlength=\"12\" maxlength=\"128\""))
        \(passwordHint)
        <p><button type="submit">Create owner account</button></p>
        </form>
        """
    }

    static func forgot(message: String? = nil, error: String? = nil) -> String {
        """
        <h1>Reset your password</h1>
        \(notice(message))\(notice(error, error: true))
        <form method="post" action="/forgot-password">
        \(field("Email", name: "email", type: "email", autocomplete: "email", extra: " maxlength=\"254\""))
        <p><button type="submit">Send me a link</button></p>
        </form>
        """
    }

    static func message(_ title: String, _ text: String, link: (label: String, href: String)? = nil) -> String {
        "<h1>\(HTML.escape(title))</h1>\n<p>\(HTML.escape(text))</p>" + (link.map { "\n<p><a href=\"\($0.href)\">\(HTML.escape($0.label))</a></p>" } ?? "")
    }

    static func account(_ user: User, sessions: [AuthSession], current: UUID, csrf: String, message: String? = nil) -> String {
        let rows = sessions.map { session -> String in
            let id = session.id?.uuidString ?? ""
            let isCurrent = session.id == current
            let action = isCurrent ? "<em>This device</em>" : """
            <form method="post" action="/account/sessions/\(id)/revoke"><input type="hidden" name="csrf_token" value="\(HTML.escape(csrf))"><button type="submit">Sign out</button></form>
            """
            return "<tr><td>\(HTML.escape(session.userAgent ?? "Unknown device"))</td><td>\(HTML.escape(session.ip ?? "–"))</td><td><time datetime=\"\(iso(session.lastUsedAt))\">\(iso(session.lastUsedAt))</time></td><td>\(action)</td></tr>"
        }.joined(separator: "\n")
        return """
        <h1>Your account</h1>
        \(notice(message))
        <p>Signed in as <strong>\(HTML.escape(user.email))</strong>. Two-factor authentication is \(user.hasTwoFactor ? "on" : "off").</p>
        <h2>Active sessions</h2>
        <table><thead><tr><th scope="col">Device</th><th scope="col">IP address</th><th scope="col">Last used</th><th scope="col"></th></tr></thead>
        <tbody>
        \(rows)
        </tbody></table>
        <form method="post" action="/account/sign-out"><input type="hidden" name="csrf_token" value="\(HTML.escape(csrf))"><button type="submit">Sign out</button></form>
        <form method="post" action="/account/sign-out-everywhere"><input type="hidden" name="csrf_token" value="\(HTML.escape(csrf))"><button type="submit">Sign out everywhere</button></form>
        <h2>Delete your account</h2>
        <p>Your account stops working at once and is erased after the grace period. Workspaces where you are the only member are deleted with it; where you are the last Owner of other people, make someone else Owner first.</p>
        <form method="post" action="/account/delete"><input type="hidden" name="csrf_token" value="\(HTML.escape(csrf))">
        \(user.passwordHash == nil ? "" : field("Current password", name: "current_password", type: "password", autocomplete: "current-password"))
        <p><button type="submit">Delete my account</button></p></form>
        """
    }

    private static func iso(_ date: Date) -> String { ISO8601DateFormatter().string(from: date) }
}

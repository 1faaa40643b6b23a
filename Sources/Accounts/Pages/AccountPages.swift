import Foundation
import ParleyCore
import Vapor

/// The content of the sign-in pages: plain forms that work without script, labelled fields that keep what was
/// typed (never a password), and the refusal next to the field it concerns. The one script (`auth.js`) moves a
/// mailed link's `#token=…` into the form.
package enum AccountPages {
    package static func render(_ request: Request, _ title: String, _ content: Node, status: HTTPResponseStatus = .ok)
        -> Response
    {
        request.render(Page(title: title, scripts: ["auth.js", "copy.js"], status: status, content))
    }

    /// The sign-up page, whose form runs the bot check before it is sent.
    static func renderSignUp(_ request: Request, _ content: Node, turnstile: Bool, status: HTTPResponseStatus = .ok)
        -> Response
    {
        request.render(
            Page(title: "Create an account", scripts: ["auth.js"], status: status, content).withBotCheck(
                turnstile: turnstile))
    }

    static let passwordHint = "12 to 128 characters. A phrase of several words is easy to remember and hard to guess."

    static func emailField(autocomplete: String = "email", value: String = "") -> FormField {
        FormField("Email", name: "email", type: "email", autocomplete: autocomplete, value: value, .maxlength(254))
    }

    static func nameField(value: String = "") -> FormField {
        FormField(
            "Your name", name: "display_name", autocomplete: "name", value: value, required: false, .maxlength(100))
    }

    static func newPasswordField() -> FormField {
        FormField(
            "Password", name: "password", type: "password", autocomplete: "new-password", hint: passwordHint,
            .minlength(12), .maxlength(128))
    }

    static func currentPasswordField(_ label: String = "Password", name: String = "password", required: Bool = true)
        -> FormField
    {
        FormField(
            label, name: name, type: "password", autocomplete: "current-password", required: required, .maxlength(128))
    }

    /// The hidden field `auth.js` fills with the token of the mailed link.
    static let tokenField = Node.hiddenInput(name: "token", id: "link-token", value: "")

    /// A form of labelled fields under its refusal, if any.
    static func form(action: String, _ fields: [FormField], error: FormError?, _ parts: Node...) -> Node {
        .group(
            .errorSummary(error, fields: fields),
            .form(.method("post"), .action(action), .group(parts)))
    }

    static func signUp(
        message: String? = nil, error: FormError? = nil, email: String = "", displayName: String = "",
        turnstile: Bool = false
    ) -> Node {
        let fields = [emailField(value: email), nameField(value: displayName), newPasswordField()]
        return .group(
            .h1("Create your Parley account"),
            .statusNotice(message),
            .errorSummary(error, fields: fields),
            .form(
                .method("post"), .action("/sign-up"), .data("bot-check", "sign-up"),
                .group(fields.map { Node.field($0, error: error) }),
                .hiddenInput(name: "bot_check[pow_nonce]", value: ""),
                .hiddenInput(name: "bot_check[pow_solution]", value: ""),
                .hiddenInput(name: "bot_check[turnstile_token]", value: ""),
                turnstile
                    ? .div(.id("bot-check"))
                    : .p(.class("hint"), "Creating an account runs a short check in your browser to keep robots out."),
                .p(.submitButton("Create account"))),
            .p("Already have an account? ", .a(.href("/sign-in"), "Sign in"), "."))
    }

    static func signIn(
        providers: [Settings.ExternalProvider], returnTo: String, message: String? = nil, error: FormError? = nil,
        email: String = ""
    ) -> Node {
        let fields = [emailField(autocomplete: "username", value: email), currentPasswordField()]
        let encodedReturn = returnTo.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let buttons = providers.map { provider -> Node in
            .li(
                .a(
                    .class("button button-secondary"),
                    .href("/auth/external/\(provider.id)/start?return_to=\(encodedReturn)"),
                    "Continue with \(provider.displayName)"))
        }
        return .group(
            .h1("Sign in to Parley"),
            .statusNotice(message),
            form(
                action: "/sign-in", fields, error: error,
                .hiddenInput(name: "return_to", value: returnTo),
                .group(fields.map { Node.field($0, error: error) }),
                .p(.submitButton("Sign in"))),
            .when(
                !buttons.isEmpty,
                .nav(.aria("label", "Other ways to sign in"), .ul(.class("providers"), .group(buttons)))),
            .p(
                .a(.href("/forgot-password"), "Forgot your password?"), " · ",
                .a(.href("/sign-up"), "Create an account")))
    }

    static func secondFactor(returnTo: String, error: FormError? = nil) -> Node {
        let fields = [
            FormField(
                "Code from your authenticator app", name: "code", autocomplete: "one-time-code", required: false,
                .inputmode("numeric"), .pattern("[0-9 ]{6,8}"), .maxlength(8)),
            FormField(
                "Or a recovery code", name: "recovery_code", autocomplete: "off", required: false, .maxlength(16)),
        ]
        return .group(
            .h1("Two-factor authentication"),
            form(
                action: "/sign-in/second-factor", fields, error: error,
                .hiddenInput(name: "return_to", value: returnTo),
                .group(fields.map { Node.field($0, error: error) }),
                .p(.submitButton("Continue"))))
    }

    /// The form a mailed link opens: the script moves the link's token into it. `fields` are shown above the
    /// button; `hidden` carries inputs such as the CSRF field of a signed-in page.
    package static func tokenForm(
        title: String, action: String, button: String, explanation: String, error: FormError? = nil,
        fields: [FormField] = [], hidden: Node = .empty
    ) -> Node {
        .group(
            .h1(.text(title)),
            .p(.text(explanation)),
            form(
                action: action, fields, error: error,
                tokenField,
                hidden,
                .group(fields.map { Node.field($0, error: error) }),
                .p(.submitButton(button))),
            .noscript(.p("This page needs JavaScript to read the link you opened.")))
    }

    static func setup(error: FormError? = nil, email: String = "", displayName: String = "") -> Node {
        let fields = [emailField(value: email), nameField(value: displayName), newPasswordField()]
        return .group(
            .h1("Create the owner account"),
            .p(
                "This link works once, for an hour after the server printed it. The owner administers this Parley installation."
            ),
            form(
                action: "/setup", fields, error: error,
                tokenField,
                .group(fields.map { Node.field($0, error: error) }),
                .p(.submitButton("Create owner account"))))
    }

    static func forgot(message: String? = nil, error: FormError? = nil, email: String = "") -> Node {
        let fields = [emailField(value: email)]
        return .group(
            .h1("Reset your password"),
            .statusNotice(message),
            form(
                action: "/forgot-password", fields, error: error,
                .group(fields.map { Node.field($0, error: error) }),
                .p(.submitButton("Send me a link"))))
    }

    static func message(_ title: String, _ text: String, link: (label: String, href: String)? = nil) -> Node {
        .group(
            .h1(.text(title)),
            .p(.text(text)),
            link.map { Node.p(.a(.href($0.href), .text($0.label))) } ?? .empty)
    }
}

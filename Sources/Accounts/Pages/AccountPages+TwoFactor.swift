import Foundation
import ParleyCore
import QRCode

/// Two-factor authentication in the browser: the account page's section, the set-up page with the QR code, and the
/// recovery codes shown once.
extension AccountPages {
    static let codeField = FormField(
        "Code from your authenticator app", name: "code", autocomplete: "one-time-code",
        hint: "The 6 digits the app shows now.", .inputmode("numeric"), .pattern("[0-9 ]{6,8}"), .maxlength(8))

    /// The `/account` section: turn it on (with the password), or off (with a code and the password).
    static func twoFactorSection(_ user: User, csrfField: Node) -> Node {
        // Its own id: the account page's deletion form has a current_password field too.
        var passwordField = currentPasswordField("Your password", name: "current_password")
        passwordField.id = "two-factor-password"
        let password = user.passwordHash == nil ? [] : [passwordField]
        guard user.hasTwoFactor else {
            return .section(
                .aria("labelledby", "two-factor"),
                .h2(.id("two-factor"), "Two-factor authentication"),
                .p(
                    "Off. With it on, signing in also asks for a code from an authenticator app on your phone, so a stolen password is not enough."
                ),
                .form(
                    .method("post"), .action(TwoFactorPaths.enroll), csrfField,
                    .group(password.map { Node.field($0) }),
                    .p(.submitButton("Set up two-factor authentication"))))
        }
        return .section(
            .aria("labelledby", "two-factor"),
            .h2(.id("two-factor"), "Two-factor authentication"),
            .p("On. Signing in asks for a code from your authenticator app, or one of your recovery codes."),
            .form(
                .method("post"), .action(TwoFactorPaths.disable), csrfField,
                .field(codeField), .group(password.map { Node.field($0) }),
                .p(.submitButton("Turn off two-factor authentication", secondary: true))))
    }

    /// The set-up page: the QR code and the secret to type instead, then the form for the first code.
    static func twoFactorSetup(_ enrollment: TwoFactor.Enrollment?, csrfField: Node, error: FormError? = nil) -> Node {
        .group(
            .h1("Set up two-factor authentication"),
            enrollment.map { enrollment in
                .group(
                    .p(
                        "Scan this code with an authenticator app (such as Aegis, Google Authenticator or 1Password), then type the code it shows."
                    ),
                    qrDrawing(enrollment.qr),
                    .p(
                        "Cannot scan it? Add an account by hand with this key: ",
                        .code(.class("secret"), .text(grouped(enrollment.secret))))
                )
            }
                ?? .p(
                    "Type the code your authenticator app shows for Parley. To scan a new QR code, start again from your account."
                ),
            .errorSummary(error, fields: [codeField]),
            .form(
                .method("post"), .action(TwoFactorPaths.confirm), csrfField,
                .field(codeField, error: error),
                .p(.submitButton("Turn on two-factor authentication"))),
            .p(.a(.href("/account"), "Back to your account")))
    }

    /// The recovery codes, shown this once.
    static func recoveryCodes(_ codes: [String]) -> Node {
        .group(
            .h1("Two-factor authentication is on"),
            .div(
                .class("notice notice-success"), .role("status"),
                .p(
                    "Keep these recovery codes somewhere safe, apart from your phone. Each one signs you in once if you lose the app. They are shown only now."
                )),
            .ul(
                .class("recovery-codes"), .data("copy", "recovery codes"),
                .group(codes.map { Node.li(.code(.text($0))) })),
            .p(.a(.class("button"), .href("/account"), "I have saved them")))
    }

    /// The QR code as an inline drawing, labelled for screen readers.
    private static func qrDrawing(_ qr: QRCode) -> Node {
        let extent = qr.size + 8
        return .svg(
            .class("qr-code"), .viewBox(width: extent, height: extent), .width(extent * 4), .height(extent * 4),
            .role("img"), .aria("label", TwoFactor.qrTitle),
            .rect(.width(extent), .height(extent), .fill("#fff")),
            .path(.fill("#000"), .d(qr.svgPathData(quietZone: 4))))
    }

    /// `ABCDEFGH…` as `ABCD EFGH …`, easier to type.
    private static func grouped(_ secret: String) -> String {
        stride(from: 0, to: secret.count, by: 4).map { start in
            let from = secret.index(secret.startIndex, offsetBy: start)
            return String(
                secret[from..<(secret.index(from, offsetBy: 4, limitedBy: secret.endIndex) ?? secret.endIndex)])
        }.joined(separator: " ")
    }
}

/// Where the two-factor forms post.
enum TwoFactorPaths {
    static let enroll = "/account/two-factor/enroll"
    static let confirm = "/account/two-factor/confirm"
    static let disable = "/account/two-factor/disable"
}

import Foundation
import ParleyCore

/// `/account`: who is signed in, the active sessions, signing out and deleting the account.
extension AccountPages {
    static func account(_ user: User, sessions: [AuthSession], current: UUID, csrf: String, message: String? = nil)
        -> Node
    {
        let csrfField = Node.hiddenInput(name: "csrf_token", value: csrf)
        let passwordField =
            user.passwordHash == nil ? [] : [currentPasswordField("Current password", name: "current_password")]
        return .group(
            .p(.a(.href("/app"), "Back to the dashboard")),
            .h1("Your account"),
            .statusNotice(message),
            .p(
                "Signed in as ", .strong(.text(user.email)),
                ". Two-factor authentication is \(user.hasTwoFactor ? "on" : "off")."),
            twoFactorSection(user, csrfField: csrfField),
            .h2("Active sessions"),
            .div(
                .class("table-scroll"),
                .table(
                    .thead(
                        .tr(
                            .th(.scope("col"), "Device"), .th(.scope("col"), "IP address"),
                            .th(.scope("col"), "Last used"),
                            .th(.scope("col"), .span(.class("visually-hidden"), "Action")))),
                    .tbody(.group(sessions.map { row($0, isCurrent: $0.id == current, csrfField: csrfField) })))),
            .div(
                .class("actions"),
                .form(
                    .method("post"), .action("/account/sign-out"), csrfField, .submitButton("Sign out", secondary: true)
                ),
                .form(
                    .method("post"), .action("/account/sign-out-everywhere"), csrfField,
                    .submitButton("Sign out everywhere", secondary: true))),
            .h2("Delete your account"),
            .p(
                "Your account stops working at once and is erased after the grace period. Workspaces where you are the only member are deleted with it; where you are the last Owner of other people, make someone else Owner first."
            ),
            .form(
                .method("post"), .action("/account/delete"),
                csrfField,
                .group(passwordField.map { Node.field($0) }),
                .p(.button(.type("submit"), .class("button-danger"), "Delete my account"))))
    }

    private static func row(_ session: AuthSession, isCurrent: Bool, csrfField: Node) -> Node {
        let lastUsed = ISO8601DateFormatter().string(from: session.lastUsedAt)
        let shown = String(lastUsed.prefix(16)).replacingOccurrences(of: "T", with: " ") + " UTC"
        let action: Node =
            isCurrent
            ? .em("This device")
            : .form(
                .method("post"), .action("/account/sessions/\(session.id?.uuidString ?? "")/revoke"), csrfField,
                .submitButton("Sign out", secondary: true))
        return .tr(
            .td(.text(session.userAgent ?? "Unknown device")),
            .td(.text(session.ip ?? "–")),
            .td(.time(.datetime(lastUsed), .text(shown))),
            .td(action))
    }
}

import Foundation
import ParleyCore

/// The mails account flows send. Links carry their token after `#`, so it never reaches a server log.
enum Emails {
    static func verify(_ user: User, link: String) -> MailTemplate {
        MailTemplate(
            name: "auth.verify_email", subject: "Confirm your email address for Parley",
            greeting: "Hello \(user.displayName),",
            paragraphs: ["Please confirm that this is your email address. The link works once, for 24 hours."],
            action: .init(label: "Confirm my address", url: link),
            footer:
                "You received this because this address was used to sign up to Parley. If it wasn't you, ignore this message."
        )
    }

    static func accountExists(_ user: User, _ env: AccountsEnvironment) -> MailTemplate {
        MailTemplate(
            name: "auth.account_exists", subject: "You already have a Parley account",
            greeting: "Hello \(user.displayName),",
            paragraphs: [
                "Someone tried to sign up to Parley with this address, which already has an account. If it was you, sign in, or reset your password if you have forgotten it."
            ],
            action: .init(label: "Sign in", url: env.publicURL.page("/sign-in")),
            footer: "If it wasn't you, nothing has changed and you can ignore this message.")
    }

    static func resetPassword(_ user: User, link: String) -> MailTemplate {
        MailTemplate(
            name: "auth.reset_password", subject: "Reset your Parley password", greeting: "Hello \(user.displayName),",
            paragraphs: [
                "Use this link to choose a new password. It works once, for one hour, and signs you out everywhere."
            ],
            action: .init(label: "Choose a new password", url: link),
            footer: "If you didn't ask for this, ignore this message: your password stays as it is.")
    }

    static func passwordChanged(_ user: User) -> MailTemplate {
        MailTemplate(
            name: "auth.password_changed", subject: "Your Parley password was changed",
            greeting: "Hello \(user.displayName),",
            paragraphs: ["The password of your Parley account was just changed, and other sessions were signed out."],
            action: nil,
            footer: "If this wasn't you, reset your password at once and tell your Parley administrator.")
    }

    static func confirmNewEmail(_ user: User, link: String) -> MailTemplate {
        MailTemplate(
            name: "auth.change_email", subject: "Confirm your new email address for Parley",
            greeting: "Hello \(user.displayName),",
            paragraphs: [
                "Confirm this address to make it the one you sign in to Parley with. The link works once, for 24 hours; until then your old address stays in use."
            ],
            action: .init(label: "Use this address", url: link),
            footer: "If you didn't ask for this, ignore this message and nothing changes.")
    }

    static func emailChanged(_ user: User, newEmail: String) -> MailTemplate {
        MailTemplate(
            name: "auth.email_changed", subject: "Your Parley sign-in address was changed",
            greeting: "Hello \(user.displayName),",
            paragraphs: ["Your Parley account now signs in with \(newEmail) instead of this address."],
            action: nil,
            footer: "If this wasn't you, tell your Parley administrator at once.")
    }
}

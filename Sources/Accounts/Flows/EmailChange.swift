import Fluent
import Foundation
import ParleyCore

/// Changing the sign-in address: the new address is verified by a link before it takes effect, and the old
/// address is told.
enum EmailChange {
    static let lifetime: TimeInterval = 24 * 3600

    static func request(_ user: User, newEmail: String, proof: Reauthentication.Proof, _ env: AccountsEnvironment)
        async throws
    {
        try await Reauthentication.confirm(proof, of: user, env)
        let userID = try user.requireID()
        guard newEmail != user.email else {
            throw CoreError.invalidField(name: "new_email", reason: "is already your address.")
        }
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            try await UserTokens.withdraw(userID: userID, purpose: .changeEmail, env)
            // Whether the address is taken is checked when the link is opened; answering here would reveal it.
            let token = try await UserTokens.issue(
                userID: userID, purpose: .changeEmail, lifetime: lifetime, newEmail: newEmail, env)
            try await env.mail(
                Emails.confirmNewEmail(user, link: env.link("/confirm-email", token: token)), to: newEmail,
                name: user.displayName)
            try await env.record(
                env.client.audit(
                    "auth.email_change.requested", actor: .init(kind: "user", id: userID.uuidString),
                    target: ("user", userID.uuidString)))
        }
    }

    /// Opens the link sent to the new address.
    static func confirm(token secret: String, _ env: AccountsEnvironment) async throws {
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            guard let token = try await UserTokens.consume(secret, purpose: .changeEmail, env),
                let newEmail = token.newEmail,
                let user = try await token.$user.get(on: tx),
                try await User.query(on: tx).filter(\.$email == newEmail).count() == 0
            else { throw AccountsError.invalidLink }
            let oldEmail = user.email
            user.email = newEmail
            user.emailVerifiedAt = env.now
            user.updatedAt = env.now
            try await user.save(on: tx)
            try await env.mail(Emails.emailChanged(user, newEmail: newEmail), to: oldEmail, name: user.displayName)
            try await env.record(
                env.client.audit(
                    "auth.email.changed", actor: .init(kind: "user", id: try user.requireID().uuidString),
                    target: ("user", try user.requireID().uuidString)))
        }
    }
}

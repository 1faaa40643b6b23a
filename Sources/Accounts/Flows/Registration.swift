import Fluent
import Foundation
import ParleyCore
import SMTPClient

/// Sign-up and email verification. Sign-up answers the same whether or not the address has an account; the
/// mailbox learns which it was.
enum Registration {
    static let verificationLifetime: TimeInterval = 24 * 3600
    /// At most one verification mail a minute per account.
    static let resendInterval: TimeInterval = 60

    struct SignUp: Sendable {
        var email: String
        var password: String
        var displayName: String
    }

    static func signUp(_ form: SignUp, _ env: AccountsEnvironment) async throws {
        try PasswordPolicy.check(form.password, email: form.email)
        let hash = try await env.hasher.hash(form.password)
        try await env.db.transaction { tx in
            let env = env.on(tx)
            if let existing = try await User.query(on: tx).filter(\.$email == form.email).first() {
                if existing.emailVerifiedAt == nil {
                    // A link of its own, carrying this sign-up's password; earlier links stay valid, so a later
                    // sign-up by someone else cannot cancel the owner's.
                    try await issueVerification(to: existing, passwordHash: hash, env)
                } else {
                    try await env.mail(Emails.accountExists(existing, env), to: existing.email, name: existing.displayName)
                }
                try await env.record(env.client.audit("auth.sign_up.existing_address", actor: .init(kind: "visitor", id: nil),
                                                      target: ("user", try existing.requireID().uuidString)))
                return
            }
            let user = User(email: form.email, displayName: form.displayName, passwordHash: hash, now: env.now)
            try await user.create(on: tx)
            try await env.record(env.client.audit("auth.signed_up", actor: .init(kind: "user", id: try user.requireID().uuidString),
                                                  target: ("user", try user.requireID().uuidString)))
            try await sendVerification(to: user, env)
        }
    }

    /// Mails a new verification link for the account's current password, unless one went out less than a minute ago.
    static func sendVerification(to user: User, _ env: AccountsEnvironment) async throws {
        if let last = try await UserTokens.lastIssued(userID: try user.requireID(), purpose: .verifyEmail, env),
           env.now.timeIntervalSince(last) < resendInterval { return }
        try await issueVerification(to: user, passwordHash: user.passwordHash, env)
    }

    private static func issueVerification(to user: User, passwordHash: String?, _ env: AccountsEnvironment) async throws {
        let token = try await UserTokens.issue(userID: try user.requireID(), purpose: .verifyEmail, lifetime: verificationLifetime,
                                               passwordHash: passwordHash, env)
        try await env.mail(Emails.verify(user, link: env.link("/verify-email", token: token)), to: user.email, name: user.displayName)
    }

    /// Resends the link for an unverified address; answers the same for any address.
    static func resend(email: String, _ env: AccountsEnvironment) async throws {
        guard let user = try await User.query(on: env.db).filter(\.$email == email).first(), user.emailVerifiedAt == nil else { return }
        try await sendVerification(to: user, env)
    }

    /// Opens a verification link: the address is verified, and the sign-up's password takes effect.
    @discardableResult
    static func verify(token secret: String, _ env: AccountsEnvironment) async throws -> User {
        try await env.db.transaction { tx in
            let env = env.on(tx)
            guard let token = try await UserTokens.consume(secret, purpose: .verifyEmail, env),
                  let user = try await token.$user.get(on: tx) else { throw AccountsError.invalidLink }
            let activates = user.emailVerifiedAt == nil
            user.emailVerifiedAt = user.emailVerifiedAt ?? env.now
            if let hash = token.passwordHash { user.passwordHash = hash }
            user.updatedAt = env.now
            try await user.save(on: tx)
            if activates { try await env.activated(user) }
            // The other links of the sign-ups before this one must not change the password later.
            try await UserTokens.withdraw(userID: try user.requireID(), purpose: .verifyEmail, env)
            try await env.record(env.client.audit("auth.email.verified", actor: .init(kind: "user", id: try user.requireID().uuidString),
                                                  target: ("user", try user.requireID().uuidString)))
            return user
        }
    }
}

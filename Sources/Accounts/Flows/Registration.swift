import Fluent
import Foundation
import ParleyCore
import SMTPClient

/// Sign-up and email verification. Sign-up answers the same whether or not the address has an account; the
/// mailbox learns which it was, at most `AttemptWindow.signUpMails` times an hour.
///
/// A verification link proves the mailbox, not who chose the password: whoever opens it must also type the
/// password of the sign-up that sent it. So a link sent by someone who registered the address first is of no
/// use to the owner who opens it, and cannot give that registrant the account.
enum Registration {
    static let verificationLifetime: TimeInterval = 24 * 3600
    /// At most one verification mail a minute per account.
    static let resendInterval: TimeInterval = 60
    /// Wrong passwords a verification link takes before it stops working.
    static let passwordAttempts = 5

    struct SignUp: Sendable {
        var email: String
        var password: String
        var displayName: String
    }

    static func signUp(_ form: SignUp, _ env: AccountsEnvironment) async throws {
        try PasswordPolicy.check(form.password, email: form.email)
        let hash = try await env.hasher.hash(form.password)
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            if let existing = try await User.query(on: tx).filter(\.$email == form.email).first() {
                if try await !AttemptWindow.signUpMails.claim(userID: existing.requireID(), env) {
                    // The mailbox had its share of sign-up mail this hour; the answer stays the same.
                } else if existing.emailVerifiedAt == nil {
                    // A link of its own, carrying this sign-up's password; earlier links stay valid, so a later
                    // sign-up by someone else cannot cancel the owner's.
                    try await issueVerification(to: existing, passwordHash: hash, env)
                } else {
                    try await env.mail(
                        Emails.accountExists(existing, env), to: existing.email, name: existing.displayName)
                }
                try await env.record(
                    env.client.audit(
                        "auth.sign_up.existing_address", actor: .init(kind: "visitor", id: nil),
                        target: ("user", try existing.requireID().uuidString)))
                return
            }
            let user = User(email: form.email, displayName: form.displayName, passwordHash: hash, now: env.now)
            try await user.create(on: tx)
            try await env.record(
                env.client.audit(
                    "auth.signed_up", actor: .init(kind: "user", id: try user.requireID().uuidString),
                    target: ("user", try user.requireID().uuidString)))
            try await sendVerification(to: user, env)
        }
    }

    /// Mails a new verification link for the account's current password, unless one went out less than a minute ago.
    static func sendVerification(to user: User, _ env: AccountsEnvironment) async throws {
        if let last = try await UserTokens.lastIssued(userID: try user.requireID(), purpose: .verifyEmail, env),
            env.now.timeIntervalSince(last) < resendInterval
        {
            return
        }
        guard try await AttemptWindow.signUpMails.claim(userID: user.requireID(), env) else { return }
        try await issueVerification(to: user, passwordHash: user.passwordHash, env)
    }

    private static func issueVerification(to user: User, passwordHash: String?, _ env: AccountsEnvironment) async throws
    {
        let token = try await UserTokens.issue(
            userID: try user.requireID(), purpose: .verifyEmail, lifetime: verificationLifetime,
            passwordHash: passwordHash, env)
        try await env.mail(
            Emails.verify(user, link: env.link("/verify-email", token: token)), to: user.email, name: user.displayName)
    }

    /// Resends the link for an unverified address; answers the same for any address.
    static func resend(email: String, _ env: AccountsEnvironment) async throws {
        guard let user = try await User.query(on: env.db).filter(\.$email == email).first(), user.emailVerifiedAt == nil
        else { return }
        try await sendVerification(to: user, env)
    }

    /// Opens a verification link with the password of the sign-up that sent it: the address is verified, and that
    /// password takes effect.
    @discardableResult
    static func verify(token secret: String, password: String?, _ env: AccountsEnvironment) async throws -> User {
        guard let found = try await UserTokens.find(secret, purpose: .verifyEmail, env) else {
            throw AccountsError.invalidLink
        }
        if let hash = found.passwordHash {
            guard try await UserTokens.claimAttempt(found, limit: passwordAttempts, env) else {
                throw AccountsError.invalidLink
            }
            guard let password, await env.hasher.verify(password, against: hash) else {
                throw AccountsError.signUpPasswordWrong
            }
        }
        return try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            guard try await UserTokens.spend(found, env), let user = try await found.$user.get(on: tx) else {
                throw AccountsError.invalidLink
            }
            let activates = user.emailVerifiedAt == nil
            user.emailVerifiedAt = user.emailVerifiedAt ?? env.now
            if let hash = found.passwordHash { user.passwordHash = hash }
            user.updatedAt = env.now
            try await user.save(on: tx)
            if activates { try await env.mailboxProven(user) }
            // The other links of the sign-ups before this one must not change the password later.
            try await UserTokens.withdraw(userID: try user.requireID(), purpose: .verifyEmail, env)
            try await env.record(
                env.client.audit(
                    "auth.email.verified", actor: .init(kind: "user", id: try user.requireID().uuidString),
                    target: ("user", try user.requireID().uuidString)))
            return user
        }
    }
}

import Fluent
import Foundation
import ParleyCore

/// Forgotten-password reset by email, and changing a known password.
enum Passwords {
    static let resetLifetime: TimeInterval = 3600
    static let resendInterval: TimeInterval = 60

    /// Mails a reset link if the address has an account; answers the same for any address.
    static func requestReset(email: String, _ env: AccountsEnvironment) async throws {
        guard let user = try await User.query(on: env.db).filter(\.$email == email).first() else { return }
        let userID = try user.requireID()
        if let last = try await UserTokens.lastIssued(userID: userID, purpose: .resetPassword, env),
            env.now.timeIntervalSince(last) < resendInterval
        {
            return
        }
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            try await UserTokens.withdraw(userID: userID, purpose: .resetPassword, env)
            let token = try await UserTokens.issue(
                userID: userID, purpose: .resetPassword, lifetime: resetLifetime, env)
            try await env.mail(
                Emails.resetPassword(user, link: env.link("/reset-password", token: token)), to: user.email,
                name: user.displayName)
            try await env.record(
                env.client.audit(
                    "auth.password_reset.requested", actor: .init(kind: "visitor", id: nil),
                    target: ("user", userID.uuidString)))
        }
    }

    /// Sets a new password from a reset link, unlocks the account and signs it out everywhere.
    static func reset(token secret: String, newPassword: String, _ env: AccountsEnvironment) async throws {
        guard let token = try await UserTokens.find(secret, purpose: .resetPassword, env),
            let user = try await token.$user.get(on: env.db)
        else { throw AccountsError.invalidLink }
        try PasswordPolicy.check(newPassword, email: user.email)
        let hash = try await env.hasher.hash(newPassword)
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            guard try await UserTokens.spend(token, env) else { throw AccountsError.invalidLink }
            // The link reached the mailbox: that verifies the address too.
            let activates = user.emailVerifiedAt == nil
            user.emailVerifiedAt = user.emailVerifiedAt ?? env.now
            try await setPassword(user, hash: hash, keepingSession: nil, action: "auth.password_reset.completed", env)
            if activates { try await env.mailboxProven(user) }
        }
    }

    /// Changes the password of a signed-in user who knows the current one; other sessions are signed out.
    static func change(
        _ user: User, current: String, new: String, keepingSession sessionID: UUID, _ env: AccountsEnvironment
    ) async throws {
        guard let existing = user.passwordHash else { throw AccountsError.passwordNotSet }
        guard await env.hasher.verify(current, against: existing) else { throw AccountsError.currentPasswordWrong }
        try PasswordPolicy.check(new, email: user.email, field: "new_password")
        let hash = try await env.hasher.hash(new)
        try await env.db.writeTransaction { tx in
            try await setPassword(
                user, hash: hash, keepingSession: sessionID, action: "auth.password.changed", env.on(tx))
        }
    }

    private static func setPassword(
        _ user: User, hash: String, keepingSession: UUID?, action: String, _ env: AccountsEnvironment
    ) async throws {
        let userID = try user.requireID()
        user.passwordHash = hash
        user.updatedAt = env.now
        try await user.save(on: env.db)
        try await SignInLockouts.clear(userID: userID, allClients: true, env)
        try await UserTokens.withdraw(userID: userID, purpose: .resetPassword, env)
        let revoked = try await Sessions.revokeAll(
            userID: userID, keeping: keepingSession, reason: "password_changed", env)
        try await env.mail(Emails.passwordChanged(user), to: user.email, name: user.displayName)
        try await env.record(
            env.client.audit(
                action, actor: .init(kind: "user", id: userID.uuidString), target: ("user", userID.uuidString),
                metadata: ["sessions_revoked": String(revoked)]))
    }
}

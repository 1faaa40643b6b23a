import Fluent
import Foundation
import ParleyCore

/// The first account of a fresh install: created through a one-time setup link that `parley serve` prints, or
/// with `parley users create-admin`.
enum FirstOwner {
    static let linkLifetime: TimeInterval = 3600

    static func needsSetup(on db: any Database) async throws -> Bool {
        try await User.query(on: db).count() == 0
    }

    /// A new setup link, replacing any earlier one; nil once an account exists.
    static func issueLink(_ env: AccountsEnvironment) async throws -> String? {
        guard try await needsSetup(on: env.db) else { return nil }
        try await UserToken.query(on: env.db).filter(\.$purpose == .setup).filter(\.$usedAt == nil).set(
            \.$usedAt, to: env.now
        ).update()
        let token = try await UserTokens.issue(userID: nil, purpose: .setup, lifetime: linkLifetime, env)
        return env.link("/setup", token: token)
    }

    /// Creates the owner from the setup link. The link proves control of the server, so the address counts as
    /// verified.
    static func complete(token secret: String, _ form: Registration.SignUp, _ env: AccountsEnvironment) async throws
        -> User
    {
        try PasswordPolicy.check(form.password, email: form.email)
        let hash = try await env.hasher.hash(form.password)
        return try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            guard try await needsSetup(on: tx), try await UserTokens.consume(secret, purpose: .setup, env) != nil else {
                throw AccountsError.setupUnavailable
            }
            return try await createOwner(form, hash: hash, via: "setup_link", env)
        }
    }

    /// `parley users create-admin`: an owner account from the shell, at any time.
    static func createFromShell(_ form: Registration.SignUp, _ env: AccountsEnvironment) async throws -> User {
        try PasswordPolicy.check(form.password, email: form.email)
        let hash = try await env.hasher.hash(form.password)
        return try await env.db.writeTransaction { tx in
            guard try await User.query(on: tx).filter(\.$email == form.email).count() == 0 else {
                throw CoreError.invalidField(name: "email", reason: "already has an account.")
            }
            return try await createOwner(form, hash: hash, via: "command_line", env.on(tx))
        }
    }

    private static func createOwner(_ form: Registration.SignUp, hash: String, via: String, _ env: AccountsEnvironment)
        async throws -> User
    {
        let user = User(email: form.email, displayName: form.displayName, passwordHash: hash, now: env.now)
        user.isOwner = true
        user.emailVerifiedAt = env.now
        try await user.create(on: env.db)
        try await env.activated(user)
        try await env.record(
            env.client.audit(
                "auth.owner.created",
                actor: via == "command_line" ? .system : .init(kind: "user", id: try user.requireID().uuidString),
                target: ("user", try user.requireID().uuidString), metadata: ["via": via]))
        return user
    }
}

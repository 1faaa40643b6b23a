import Fluent
import Foundation
import ParleyCore
import SQLKit

/// Single-use secrets: 256 random bits handed out once, only their SHA-256 stored.
enum UserTokens {
    static func issue(
        userID: UUID?, purpose: UserToken.Purpose, lifetime: TimeInterval, newEmail: String? = nil,
        passwordHash: String? = nil, firstFactor: String? = nil, _ env: AccountsEnvironment
    ) async throws -> String {
        let secret = env.random.hexToken(byteCount: 32)
        let token = UserToken(
            userID: userID, purpose: purpose, tokenHash: sha256Hex(secret), expiresAt: env.now + lifetime, now: env.now)
        token.newEmail = newEmail
        token.passwordHash = passwordHash
        token.firstFactor = firstFactor
        try await token.create(on: env.db)
        return secret
    }

    /// The unexpired, unused token of this purpose, not yet marked used; nil for anything else.
    static func find(_ secret: String, purpose: UserToken.Purpose, _ env: AccountsEnvironment) async throws
        -> UserToken?
    {
        guard secret.utf8.count == 64, secret.allSatisfy(\.isHexDigit) else { return nil }
        guard
            let token = try await UserToken.query(on: env.db).filter(\.$tokenHash == sha256Hex(secret.lowercased()))
                .filter(\.$purpose == purpose).filter(\.$usedAt == nil).first(), token.expiresAt > env.now
        else { return nil }
        return token
    }

    /// Marks a token used, atomically: false when another request used it first.
    static func spend(_ token: UserToken, _ env: AccountsEnvironment) async throws -> Bool {
        guard try await env.db.claimOnce(UserToken.schema, id: try token.requireID(), column: "used_at", now: env.now)
        else { return false }
        token.usedAt = env.now
        return true
    }

    /// Counts one answer against the token, atomically: false once `limit` answers were given or it is spent.
    static func claimAttempt(_ token: UserToken, limit: Int, _ env: AccountsEnvironment) async throws -> Bool {
        let id = try token.requireID()
        let claimed = try await env.db.sqlDatabase.raw(
            """
            UPDATE user_tokens SET attempts = attempts + 1
            WHERE id = \(bind: id) AND used_at IS NULL AND attempts < \(bind: limit) RETURNING id
            """
        ).all()
        return claimed.count == 1
    }

    /// Finds and spends in one step.
    static func consume(_ secret: String, purpose: UserToken.Purpose, _ env: AccountsEnvironment) async throws
        -> UserToken?
    {
        guard let token = try await find(secret, purpose: purpose, env), try await spend(token, env) else { return nil }
        return token
    }

    /// Withdraws the user's unused tokens of a purpose (a new link replaces the old ones).
    static func withdraw(userID: UUID, purpose: UserToken.Purpose, _ env: AccountsEnvironment) async throws {
        try await UserToken.query(on: env.db).filter(\.$user.$id == userID).filter(\.$purpose == purpose).filter(
            \.$usedAt == nil
        )
        .set(\.$usedAt, to: env.now).update()
    }

    /// When the user was last sent a token of this purpose.
    static func lastIssued(userID: UUID, purpose: UserToken.Purpose, _ env: AccountsEnvironment) async throws -> Date? {
        try await UserToken.query(on: env.db).filter(\.$user.$id == userID).filter(\.$purpose == purpose)
            .sort(\.$createdAt, .descending).first()?.createdAt
    }
}

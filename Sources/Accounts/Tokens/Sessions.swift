import Fluent
import Foundation
import ParleyCore
import SQLKit
import Vapor

/// What a sign-in or a refresh hands the client.
struct TokenPair: Content, Equatable {
    var accessToken: String
    var accessTokenExpiresAt: Date
    /// Nil when a just-rotated token was presented again within the reuse leeway: the client keeps the refresh
    /// token it got from the other, concurrent refresh.
    var refreshToken: String?
    var refreshTokenExpiresAt: Date?
    var sessionID: UUID
    var tokenType = "Bearer"

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token", accessTokenExpiresAt = "access_token_expires_at"
        case refreshToken = "refresh_token", refreshTokenExpiresAt = "refresh_token_expires_at"
        case sessionID = "session_id", tokenType = "token_type"
    }
}

/// Signed-in devices: each is a refresh-token family. Refresh tokens are 256 random bits, stored hashed, and
/// rotated on every use; presenting a rotated one again revokes the family and is audited.
enum Sessions {
    /// Starts a session for a user who has passed every factor.
    static func start(user: User, method: String, _ env: AccountsEnvironment) async throws -> TokenPair {
        let userID = try user.requireID()
        let session = AuthSession()
        session.id = UUID()
        session.$user.id = userID
        session.createdAt = env.now
        session.lastUsedAt = env.now
        session.idleExpiresAt = env.now + TimeInterval(env.settings.refreshIdleSeconds)
        session.absoluteExpiresAt = env.now + TimeInterval(env.settings.refreshAbsoluteSeconds)
        session.method = method
        session.userAgent = env.client.userAgent
        session.ip = env.client.ip
        try await session.create(on: env.db)
        let refresh = try await issueRefreshToken(for: session, env)
        return try await pair(userID: userID, session: session, refresh: refresh, env)
    }

    /// Rotates a refresh token. Unknown, expired or revoked tokens are refused alike.
    static func refresh(_ presented: String, _ env: AccountsEnvironment) async throws -> TokenPair {
        guard presented.utf8.count == 64, presented.allSatisfy(\.isHexDigit) else {
            throw AccountsError.invalidRefreshToken
        }
        // Load (or create) the signing key outside the transaction, so a rollback can never leave this process
        // holding a key the database does not have.
        _ = try await env.accessTokens.keys.signer(db: env.db, now: env.now)
        // A reuse revokes the session and must stay revoked: the transaction returns nil then, and the refusal is
        // thrown after it commits.
        let outcome: TokenPair? = try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            let hash = sha256Hex(presented)
            // Compare-and-set on `rotated_at IS NULL`: of concurrent uses exactly one rotates; the others find the
            // token rotated and are answered as a second presentation of it. Being the transaction's first
            // statement, it also takes SQLite's write lock, so concurrent refreshes queue instead of failing.
            let rotated = try await tx.sqlDatabase.update(RefreshToken.schema).set("rotated_at", to: env.now)
                .where("token_hash", .equal, hash).where("rotated_at", .is, SQLLiteral.null).returning("id").all()
            guard
                let token = try await RefreshToken.query(on: tx).filter(\.$tokenHash == hash).with(\.$session).first(),
                let session = Optional(token.session), session.isActive(at: env.now)
            else {
                throw AccountsError.invalidRefreshToken
            }
            let userID = session.$user.id
            guard rotated.count == 1 else {
                return try await presentedAgain(token, rotatedAt: token.rotatedAt ?? env.now, session: session, env)
            }
            token.rotatedAt = env.now
            session.lastUsedAt = env.now
            session.idleExpiresAt = min(
                env.now + TimeInterval(env.settings.refreshIdleSeconds), session.absoluteExpiresAt)
            if let ip = env.client.ip { session.ip = ip }
            try await session.save(on: tx)
            let refresh = try await issueRefreshToken(for: session, env)
            return try await pair(userID: userID, session: session, refresh: refresh, env)
        }
        guard let outcome else { throw AccountsError.invalidRefreshToken }
        return outcome
    }

    /// A rotated token presented again: within the leeway, and if it is the newest rotated one, the concurrent
    /// refresh of a legitimate client (an access token, no new refresh token); otherwise reuse, which revokes the
    /// session (nil).
    private static func presentedAgain(
        _ token: RefreshToken, rotatedAt: Date, session: AuthSession, _ env: AccountsEnvironment
    ) async throws -> TokenPair? {
        let userID = session.$user.id
        if env.now.timeIntervalSince(rotatedAt) <= TimeInterval(env.settings.refreshReuseLeewaySeconds),
            try await isNewestRotated(token, in: session, on: env.db)
        {
            session.lastUsedAt = env.now
            try await session.save(on: env.db)
            return try await pair(userID: userID, session: session, refresh: nil, env)
        }
        try await revoke(session, reason: "refresh_token_reuse", env)
        try await env.record(
            env.client.audit(
                "auth.refresh_token.reused", actor: .init(kind: "user", id: userID.uuidString),
                target: ("auth_session", try session.requireID().uuidString)))
        return nil
    }

    /// The session a refresh token belongs to, without using the token.
    static func sessionID(ofRefreshToken presented: String, _ env: AccountsEnvironment) async throws -> UUID? {
        guard presented.utf8.count == 64, presented.allSatisfy(\.isHexDigit) else { return nil }
        return try await RefreshToken.query(on: env.db).filter(\.$tokenHash == sha256Hex(presented)).first()?.$session
            .id
    }

    /// The user's sessions that can still refresh, most recently used first.
    static func active(userID: UUID, _ env: AccountsEnvironment) async throws -> [AuthSession] {
        try await AuthSession.query(on: env.db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
            .filter(\.$idleExpiresAt > env.now).filter(\.$absoluteExpiresAt > env.now)
            .sort(\.$lastUsedAt, .descending).all()
    }

    /// Revokes one of the user's sessions; false when the user has no such active session.
    static func revoke(sessionID: UUID, userID: UUID, reason: String, _ env: AccountsEnvironment) async throws -> Bool {
        guard
            let session = try await AuthSession.query(on: env.db).filter(\.$id == sessionID).filter(
                \.$user.$id == userID
            )
            .filter(\.$revokedAt == nil).first()
        else { return false }
        try await revoke(session, reason: reason, env)
        try await env.record(
            env.client.audit(
                "auth.session.revoked", actor: .init(kind: "user", id: userID.uuidString),
                target: ("auth_session", sessionID.uuidString), metadata: ["reason": reason]))
        return true
    }

    /// Revokes every session of the user, but `keeping` (the caller's own, when it stays signed in).
    @discardableResult
    static func revokeAll(userID: UUID, keeping: UUID? = nil, reason: String, _ env: AccountsEnvironment) async throws
        -> Int
    {
        var query = AuthSession.query(on: env.db).filter(\.$user.$id == userID).filter(\.$revokedAt == nil)
        if let keeping { query = query.filter(\.$id != keeping) }
        let sessions = try await query.all()
        for session in sessions { try await revoke(session, reason: reason, env) }
        // Their access tokens too (and the kept session's, which its refresh token renews).
        try await env.accessTokens.revocations.revokeAll(userID: userID, db: env.db, now: env.now)
        return sessions.count
    }

    private static func revoke(_ session: AuthSession, reason: String, _ env: AccountsEnvironment) async throws {
        session.revokedAt = env.now
        session.revokedReason = reason
        try await session.save(on: env.db)
    }

    private static func issueRefreshToken(for session: AuthSession, _ env: AccountsEnvironment) async throws -> String {
        let secret = env.random.hexToken(byteCount: 32)
        let token = RefreshToken()
        token.id = UUID()
        token.$session.id = try session.requireID()
        token.tokenHash = sha256Hex(secret)
        token.createdAt = env.now
        try await token.create(on: env.db)
        return secret
    }

    /// Whether `token` is the one rotated last (its successor is the session's current token).
    private static func isNewestRotated(_ token: RefreshToken, in session: AuthSession, on db: any Database)
        async throws -> Bool
    {
        let newestRotated = try await RefreshToken.query(on: db).filter(\.$session.$id == session.requireID())
            .filter(\.$rotatedAt != nil).sort(\.$rotatedAt, .descending).sort(\.$createdAt, .descending).first()
        return newestRotated?.id == token.id
    }

    private static func pair(userID: UUID, session: AuthSession, refresh: String?, _ env: AccountsEnvironment)
        async throws -> TokenPair
    {
        let sessionID = try session.requireID()
        let access = try await env.accessTokens.issue(
            userID: userID, sessionID: sessionID, db: env.db, now: env.now, random: env.random)
        return TokenPair(
            accessToken: access.token, accessTokenExpiresAt: access.expiresAt, refreshToken: refresh,
            refreshTokenExpiresAt: refresh == nil ? nil : session.idleExpiresAt, sessionID: sessionID)
    }
}

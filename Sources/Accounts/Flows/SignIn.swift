import Fluent
import Foundation
import ParleyCore

/// Sign-in with email and password, then the second factor when the account has one.
///
/// Every failure answers the same, takes the same bcrypt time, and is audited. Consecutive failures lock the
/// account for a delay that doubles with each further failure; per-address throttling is the `auth` tier's.
enum SignIn {
    /// How long the second-factor step may take, and how many wrong codes it allows.
    static let secondFactorLifetime: TimeInterval = 300
    static let secondFactorAttempts = 5

    enum Outcome: Sendable {
        case signedIn(TokenPair)
        case secondFactorRequired(challenge: String, expiresAt: Date)
    }

    static func withPassword(email: String, password: String, _ env: AccountsEnvironment) async throws -> Outcome {
        guard let user = try await User.query(on: env.db).filter(\.$email == email).first() else {
            await env.hasher.verifyNothing(password)
            try await failed(nil, reason: "unknown_account", email: email, env)
            throw AccountsError.signInFailed
        }
        let correct: Bool
        if let hash = user.passwordHash {
            correct = await env.hasher.verify(password, against: hash)
        } else {
            await env.hasher.verifyNothing(password)
            correct = false
        }
        if let lockedUntil = user.lockedUntil, lockedUntil > env.now {
            try await failed(user, reason: "locked", email: email, env)
            throw AccountsError.signInFailed
        }
        guard correct else {
            try await registerFailure(user, env)
            throw AccountsError.signInFailed
        }
        guard user.emailVerifiedAt != nil else {
            try await Registration.sendVerification(to: user, env)
            try await failed(user, reason: "email_not_verified", email: email, env)
            throw AccountsError.emailNotVerified
        }
        user.failedSignIns = 0
        user.lockedUntil = nil
        user.updatedAt = env.now
        try await user.save(on: env.db)
        guard user.hasTwoFactor else { return .signedIn(try await succeed(user, method: "password", env)) }
        let challenge = try await UserTokens.issue(userID: try user.requireID(), purpose: .secondFactor, lifetime: secondFactorLifetime, env)
        return .secondFactorRequired(challenge: challenge, expiresAt: env.now + secondFactorLifetime)
    }

    /// The second step: a current authenticator code, or one of the recovery codes.
    static func withSecondFactor(challenge: String, code: String?, recoveryCode: String?, _ env: AccountsEnvironment) async throws -> TokenPair {
        guard let token = try await UserTokens.find(challenge, purpose: .secondFactor, env), token.attempts < secondFactorAttempts,
              let user = try await token.$user.get(on: env.db) else { throw AccountsError.invalidLink }
        let method: String
        if let code, try await TwoFactor.acceptCode(code, for: user, env) {
            method = "password+totp"
        } else if let recoveryCode, try await TwoFactor.acceptRecoveryCode(recoveryCode, for: user, env) {
            method = "password+recovery_code"
        } else {
            token.attempts += 1
            try await token.save(on: env.db)
            try await failed(user, reason: "second_factor", email: user.email, env)
            throw AccountsError.secondFactorFailed
        }
        guard try await UserTokens.spend(token, env) else { throw AccountsError.invalidLink }
        return try await succeed(user, method: method, env)
    }

    /// Starts the session and records the success.
    static func succeed(_ user: User, method: String, _ env: AccountsEnvironment) async throws -> TokenPair {
        let pair = try await Sessions.start(user: user, method: method, env)
        try await env.record(env.client.audit("auth.sign_in.succeeded", actor: .init(kind: "user", id: try user.requireID().uuidString),
                                              target: ("auth_session", pair.sessionID.uuidString), metadata: ["method": method]))
        return pair
    }

    /// Counts a wrong password; at the threshold the account locks, for twice as long with each further failure.
    private static func registerFailure(_ user: User, _ env: AccountsEnvironment) async throws {
        user.failedSignIns += 1
        user.updatedAt = env.now
        let over = user.failedSignIns - env.settings.lockoutThreshold
        if over >= 0 {
            let delay = min(Double(env.settings.lockoutBaseSeconds) * pow(2, Double(min(over, 20))), Double(env.settings.lockoutMaxSeconds))
            user.lockedUntil = env.now + delay
            try await env.record(env.client.audit("auth.sign_in.locked", actor: .system, target: ("user", try user.requireID().uuidString),
                                                  metadata: ["failures": String(user.failedSignIns), "seconds": String(Int(delay))]))
        }
        try await user.save(on: env.db)
        try await failed(user, reason: "wrong_password", email: user.email, env)
    }

    private static func failed(_ user: User?, reason: String, email: String, _ env: AccountsEnvironment) async throws {
        try await env.record(env.client.audit("auth.sign_in.failed", actor: .init(kind: "visitor", id: nil),
                                              target: user.flatMap { $0.id }.map { ("user", $0.uuidString) },
                                              metadata: ["reason": reason, "email": String(email.prefix(254))]))
    }
}

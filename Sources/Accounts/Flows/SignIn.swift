import Fluent
import Foundation
import ParleyCore

/// Sign-in with email and password, then the second factor when the account has one.
///
/// Every failure answers the same, takes the same bcrypt time, and is audited. Consecutive failures from one
/// client lock that client out of the account for a delay that doubles with each further failure (see
/// `SignInLockouts`); per-address throttling is the `auth` tier's.
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
            try await failed(nil, reason: "unknown_account", env)
            throw AccountsError.signInFailed
        }
        let correct: Bool
        if let hash = user.passwordHash {
            correct = await env.hasher.verify(password, against: hash)
        } else {
            await env.hasher.verifyNothing(password)
            correct = false
        }
        let userID = try user.requireID()
        if try await SignInLockouts.lockedUntil(userID: userID, env) != nil {
            try await failed(user, reason: "locked", env)
            throw AccountsError.signInFailed
        }
        guard correct else {
            try await registerFailure(user, env)
            throw AccountsError.signInFailed
        }
        guard user.emailVerifiedAt != nil else {
            try await Registration.sendVerification(to: user, env)
            try await failed(user, reason: "email_not_verified", env)
            throw AccountsError.emailNotVerified
        }
        try await SignInLockouts.clear(userID: userID, env)
        guard user.hasTwoFactor else { return .signedIn(try await succeed(user, method: "password", env)) }
        let challenge = try await UserTokens.issue(
            userID: try user.requireID(), purpose: .secondFactor, lifetime: secondFactorLifetime,
            firstFactor: "password", env)
        return .secondFactorRequired(challenge: challenge, expiresAt: env.now + secondFactorLifetime)
    }

    /// The second step: a current authenticator code, or one of the recovery codes.
    static func withSecondFactor(challenge: String, code: String?, recoveryCode: String?, _ env: AccountsEnvironment)
        async throws -> TokenPair
    {
        guard let token = try await UserTokens.find(challenge, purpose: .secondFactor, env),
            let user = try await token.$user.get(on: env.db)
        else { throw AccountsError.invalidLink }
        // Each try takes a slot of the challenge and of the account before the code is looked at, in single
        // conditional updates: concurrent guesses cannot get past either limit.
        guard try await UserTokens.claimAttempt(token, limit: secondFactorAttempts, env) else {
            throw AccountsError.invalidLink
        }
        let userID = try user.requireID()
        guard try await AttemptWindow.secondFactor.claim(userID: userID, env) else {
            try await failed(user, reason: "second_factor_limit", env)
            throw AccountsError.tooManySecondFactorAttempts
        }
        // The session records both steps: a plan without `external_sign_in` must see an external first step.
        let firstFactor = token.firstFactor ?? "password"
        let method: String
        if let code, try await TwoFactor.acceptCode(code, for: user, env) {
            method = firstFactor + "+totp"
        } else if let recoveryCode, try await TwoFactor.acceptRecoveryCode(recoveryCode, for: user, env) {
            method = firstFactor + "+recovery_code"
        } else {
            try await failed(user, reason: "second_factor", env)
            throw AccountsError.secondFactorFailed
        }
        try await AttemptWindow.secondFactor.release(userID: userID, env)
        guard try await UserTokens.spend(token, env) else { throw AccountsError.invalidLink }
        return try await succeed(user, method: method, env)
    }

    /// Starts the session and records the success.
    static func succeed(_ user: User, method: String, _ env: AccountsEnvironment) async throws -> TokenPair {
        let pair = try await Sessions.start(user: user, method: method, env)
        try await env.record(
            env.client.audit(
                "auth.sign_in.succeeded", actor: .init(kind: "user", id: try user.requireID().uuidString),
                target: ("auth_session", pair.sessionID.uuidString), metadata: ["method": method]))
        return pair
    }

    /// Counts a wrong password from this client; at the threshold this client is locked out of the account, for
    /// twice as long with each further failure.
    private static func registerFailure(_ user: User, _ env: AccountsEnvironment) async throws {
        let (failures, lockSeconds) = try await SignInLockouts.registerFailure(userID: try user.requireID(), env)
        if let lockSeconds {
            try await env.record(
                env.client.audit(
                    "auth.sign_in.locked", actor: .system, target: ("user", try user.requireID().uuidString),
                    metadata: ["failures": String(failures), "seconds": String(Int(lockSeconds))]))
        }
        try await failed(user, reason: "wrong_password", env)
    }

    /// The typed address is not recorded: people type their password into it by mistake.
    private static func failed(_ user: User?, reason: String, _ env: AccountsEnvironment) async throws {
        try await env.record(
            env.client.audit(
                "auth.sign_in.failed", actor: .init(kind: "visitor", id: nil),
                target: user.flatMap { $0.id }.map { ("user", $0.uuidString) },
                metadata: ["reason": reason]))
    }
}

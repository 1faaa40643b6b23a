import Fluent
import Foundation
import ParleyCore
import QRCode
import SQLKit

/// TOTP second factor: enrollment with a QR code, confirmation, replay-proof checks, recovery codes, and turning
/// it off with a fresh code. Seeds are sealed with the master key, bound to the user's id.
enum TwoFactor {
    static let issuer = "Parley"
    static let recoveryCodeCount = 10
    private static let sealPurpose = "totp-secret"

    struct Enrollment: Sendable {
        var secret: String
        var uri: String
        var qr: QRCode
        /// The code as a standalone SVG document, for API clients.
        var qrSVG: String { qr.svg(title: qrTitle) }
    }

    /// What the QR code is, for screen readers.
    static let qrTitle = "QR code to add Parley to an authenticator app"

    /// A new seed, pending until a code from it is confirmed.
    static func enroll(_ user: User, proof: Reauthentication.Proof, _ env: AccountsEnvironment) async throws
        -> Enrollment
    {
        guard !user.hasTwoFactor else { throw AccountsError.twoFactorAlreadyEnabled }
        try await Reauthentication.confirm(proof, of: user, env)
        let secret = env.random.bytes(20)
        user.totpPendingSealed = try env.masterKey.seal(
            secret, purpose: sealPurpose, context: try user.requireID().uuidString)
        user.updatedAt = env.now
        try await user.save(on: env.db)
        let totp = TOTPGenerator(secret: secret)
        let uri = totp.provisioningURI(account: user.email, issuer: issuer)
        let qr = try QRCode(encoding: uri, errorCorrection: .medium)
        return Enrollment(secret: Base32.encode(secret), uri: uri, qr: qr)
    }

    /// Turns 2FA on when `code` matches the pending seed; returns the recovery codes, shown this once.
    static func confirm(_ user: User, code: String, _ env: AccountsEnvironment) async throws -> [String] {
        guard !user.hasTwoFactor else { throw AccountsError.twoFactorAlreadyEnabled }
        guard let pending = user.totpPendingSealed else { throw AccountsError.noEnrollmentPending }
        let userID = try user.requireID()
        let secret = try env.masterKey.open(pending, purpose: sealPurpose, context: userID.uuidString)
        guard let step = TOTPGenerator(secret: Array(secret)).matchingStep(normalized(code), at: env.now) else {
            throw AccountsError.secondFactorFailed
        }
        return try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            user.totpSecretSealed = pending
            user.totpPendingSealed = nil
            user.totpEnabledAt = env.now
            user.totpLastStep = step
            user.updatedAt = env.now
            try await user.save(on: tx)
            let codes = try await replaceRecoveryCodes(userID: userID, env)
            try await env.record(
                env.client.audit(
                    "auth.two_factor.enabled", actor: .init(kind: "user", id: userID.uuidString),
                    target: ("user", userID.uuidString)))
            return codes
        }
    }

    /// Turns 2FA off; needs a fresh authentication and a current authenticator code, not a recovery code.
    static func disable(_ user: User, code: String, proof: Reauthentication.Proof, _ env: AccountsEnvironment)
        async throws
    {
        guard user.hasTwoFactor else { throw AccountsError.twoFactorNotEnabled }
        try await Reauthentication.confirm(proof, of: user, env)
        guard try await acceptCode(code, for: user, env) else { throw AccountsError.secondFactorFailed }
        let userID = try user.requireID()
        try await env.db.writeTransaction { tx in
            let env = env.on(tx)
            user.totpSecretSealed = nil
            user.totpPendingSealed = nil
            user.totpEnabledAt = nil
            user.updatedAt = env.now
            try await user.save(on: tx)
            try await RecoveryCode.query(on: tx).filter(\.$user.$id == userID).delete()
            try await env.record(
                env.client.audit(
                    "auth.two_factor.disabled", actor: .init(kind: "user", id: userID.uuidString),
                    target: ("user", userID.uuidString)))
        }
    }

    /// New recovery codes for a fresh authenticator code; the old ones stop working.
    static func regenerateRecoveryCodes(_ user: User, code: String, _ env: AccountsEnvironment) async throws -> [String]
    {
        guard user.hasTwoFactor else { throw AccountsError.twoFactorNotEnabled }
        guard try await acceptCode(code, for: user, env) else { throw AccountsError.secondFactorFailed }
        let userID = try user.requireID()
        return try await env.db.writeTransaction { tx in
            let codes = try await replaceRecoveryCodes(userID: userID, env.on(tx))
            try await env.on(tx).record(
                env.client.audit(
                    "auth.two_factor.recovery_codes_replaced", actor: .init(kind: "user", id: userID.uuidString),
                    target: ("user", userID.uuidString)))
            return codes
        }
    }

    /// Whether `code` is valid now (±1 step) and newer than the last accepted one. The step is recorded with a
    /// conditional update, so the same code racing in twice is accepted once.
    static func acceptCode(_ code: String, for user: User, _ env: AccountsEnvironment) async throws -> Bool {
        guard let sealed = user.totpSecretSealed else { return false }
        let userID = try user.requireID()
        let secret = try env.masterKey.open(sealed, purpose: sealPurpose, context: userID.uuidString)
        guard let step = TOTPGenerator(secret: Array(secret)).matchingStep(normalized(code), at: env.now),
            step > (user.totpLastStep ?? -1)
        else { return false }
        let updated = try await env.db.sqlDatabase.update(User.schema).set("totp_last_step", to: step).where(
            "id", .equal, userID
        )
        .where(group: { $0.where("totp_last_step", .is, SQLLiteral.null).orWhere("totp_last_step", .lessThan, step) })
        .returning("id").all()
        guard updated.count == 1 else { return false }
        user.totpLastStep = step
        return true
    }

    /// Spends a recovery code if it is one of the user's unused ones.
    static func acceptRecoveryCode(_ code: String, for user: User, _ env: AccountsEnvironment) async throws -> Bool {
        let hash = sha256Hex(normalized(code))
        guard
            let match = try await RecoveryCode.query(on: env.db).filter(\.$user.$id == user.requireID()).filter(
                \.$codeHash == hash
            )
            .filter(\.$usedAt == nil).first(),
            try await env.db.claimOnce(RecoveryCode.schema, id: try match.requireID(), column: "used_at", now: env.now)
        else { return false }
        let remaining = try await RecoveryCode.query(on: env.db).filter(\.$user.$id == user.requireID()).filter(
            \.$usedAt == nil
        ).count()
        try await env.record(
            env.client.audit(
                "auth.two_factor.recovery_code_used", actor: .init(kind: "user", id: try user.requireID().uuidString),
                target: ("user", try user.requireID().uuidString), metadata: ["remaining": String(remaining)]))
        return true
    }

    private static func replaceRecoveryCodes(userID: UUID, _ env: AccountsEnvironment) async throws -> [String] {
        try await RecoveryCode.query(on: env.db).filter(\.$user.$id == userID).delete()
        var codes: [String] = []
        for _ in 0..<recoveryCodeCount {
            let raw = Base32.encode(env.random.bytes(7)).lowercased().prefix(10)
            let code = raw.prefix(5) + "-" + raw.suffix(5)
            let row = RecoveryCode()
            row.id = UUID()
            row.$user.id = userID
            row.codeHash = sha256Hex(normalized(String(code)))
            row.createdAt = env.now
            try await row.create(on: env.db)
            codes.append(String(code))
        }
        return codes
    }

    /// Codes as typed: spaces and dashes dropped, lower case.
    private static func normalized(_ code: String) -> String {
        String(code.lowercased().filter { !$0.isWhitespace && $0 != "-" }.prefix(32))
    }
}

import Fluent
import Foundation
import SQLKit
import Vapor

/// The bot check that protects public forms: Cloudflare Turnstile when its keys are configured, otherwise the
/// built-in proof of work, so the embedded default is protected too.
package struct BotCheck: Sendable {
    package enum Mode: Sendable {
        case turnstile(TurnstileVerifier)
        case proofOfWork(ProofOfWork)
    }

    package let mode: Mode

    /// What the browser needs to start the check for a form.
    package func challenge(now: Date, random: RandomSource) -> BotCheckChallenge {
        switch mode {
        case .turnstile(let verifier):
            BotCheckChallenge(kind: "turnstile", siteKey: verifier.configuration.siteKey)
        case .proofOfWork(let work):
            work.challenge(now: now, random: random)
        }
    }

    /// Verifies the form's answer for `action` (e.g. `waitlist`); throws `BotCheckError` when it does not hold.
    package func verify(_ submission: BotCheckSubmission?, action: String, request: Request) async throws {
        guard let submission else { throw BotCheckError.missing }
        let app = request.application
        switch mode {
        case .turnstile(let verifier):
            try await verifier.verify(
                token: submission.turnstileToken ?? "", action: action, remoteIP: request.clientIP,
                idempotencyKey: UUID().uuidString)
        case .proofOfWork(let work):
            guard let nonce = submission.powNonce, let solution = submission.powSolution else {
                throw BotCheckError.missing
            }
            let expires = try work.verify(nonce: nonce, solution: solution, now: app.clock.now())
            try await Self.spend(nonce, until: expires, on: app.db)
        }
    }

    /// Records a used nonce; a second use is refused. The insert is the check, so two racing uses cannot both pass.
    static func spend(_ nonce: String, until expires: Date, on db: any Database) async throws {
        guard let sql = db as? any SQLDatabase else { throw BotCheckError.unavailable }
        let digest = sha256Hex(nonce)
        let inserted = try await sql.insert(into: "spent_challenges").columns("digest", "expires_at")
            .values(SQLBind(digest), SQLBind(expires)).ignoringConflicts(with: "digest").returning("digest").all()
        guard !inserted.isEmpty else { throw BotCheckError.replayed }
    }

    /// Forgets spent nonces once they could no longer verify anyway.
    package static func prune(on db: any Database, now: Date) async throws {
        guard let sql = db as? any SQLDatabase else { return }
        try await sql.delete(from: "spent_challenges").where("expires_at", .lessThan, SQLBind(now)).run()
    }
}

extension Application {
    /// The bot check for this configuration. Needs the master key (`prepareStorage`) for proof-of-work.
    package func botCheck() throws -> BotCheck {
        if let turnstile = settings.turnstile {
            return BotCheck(mode: .turnstile(TurnstileVerifier(configuration: turnstile, client: client)))
        }
        guard let masterKey else { throw BotCheckError.unavailable }
        return BotCheck(
            mode: .proofOfWork(ProofOfWork(masterKey: masterKey, difficulty: settings.proofOfWorkDifficulty)))
    }
}

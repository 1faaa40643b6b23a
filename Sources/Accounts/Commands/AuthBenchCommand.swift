import Fluent
import Foundation
import ParleyCore
import Vapor

/// `parley auth bench [--sign-ins N] [--refreshes N]`: times password sign-ins (bcrypt at the configured cost)
/// and refresh-token rotations, one after another, against the configured database, on a throwaway account.
struct AuthCommand: AsyncCommandGroup {
    var help: String { "Account tools: measure sign-in and refresh." }
    var commands: [String: any AnyAsyncCommand] { ["bench": AuthBench()] }
}

struct AuthBench: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "sign-ins", help: "How many sign-ins to time (default 20).")
        var signIns: Int?
        @Option(name: "refreshes", help: "How many refreshes to time (default 2000).")
        var refreshes: Int?
    }

    var help: String { "Time password sign-ins and refresh-token rotations." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareStorage()
        if app.settings.autoMigrate { try await app.migrateDatabase() }
        let env = try AccountsEnvironment(app, db: app.db, logger: app.logger, client: .commandLine)
        let email = "bench-\(app.random.hexToken(byteCount: 6))@example.com",
            password = "benchmark passphrase " + app.random.hexToken(byteCount: 4)
        let user = User(
            email: email, displayName: "Benchmark", passwordHash: try await env.hasher.hash(password), now: env.now)
        user.emailVerifiedAt = env.now
        try await user.create(on: app.db)

        let signIns = min(max(signature.signIns ?? 20, 1), 10_000)
        var token = ""
        let signInStart = ContinuousClock.now
        for _ in 0..<signIns {
            guard
                case .signedIn(let pair) = try await SignIn.withPassword(
                    email: email, password: password, env.at(app.clock.now()))
            else { return }
            token = pair.refreshToken ?? ""
        }
        let signInSeconds = (ContinuousClock.now - signInStart).milliseconds / 1000
        let refreshes = min(max(signature.refreshes ?? 2000, 1), 1_000_000)
        let refreshStart = ContinuousClock.now
        for _ in 0..<refreshes {
            token = try await Sessions.refresh(token, env.at(app.clock.now())).refreshToken ?? ""
        }
        let refreshSeconds = (ContinuousClock.now - refreshStart).milliseconds / 1000
        try await AuthSession.query(on: app.db).filter(\.$user.$id == user.requireID()).delete()
        try await user.delete(on: app.db)
        context.console.print(
            String(
                format: "bcrypt_cost=%d sign_ins=%d sign_ins_per_s=%.2f refreshes=%d refreshes_per_s=%.0f",
                app.settings.auth.bcryptCost, signIns, Double(signIns) / signInSeconds, refreshes,
                Double(refreshes) / refreshSeconds))
    }
}

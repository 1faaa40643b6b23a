import Fluent
import Foundation
import ParleyCore
import Vapor

/// Accounts and sign-in: users, email links, passwords, TOTP, access and refresh tokens, sessions.
package enum AccountsModule: ParleyModule {
    package static var migrations: [any Migration] {
        [
            CreateUsers(),  // 0007 users and their single-use tokens
            CreateAuthSessions(),  // 0008 sessions, refresh tokens, recovery codes
            CreateSigningKeys(),  // 0009 access-token signing keys
            CreateExternalIdentities(),  // 0010 external identities and login round trips
            AddAccountDeletion(),  // 0015 when an account was deleted by its owner
            HardenSignIn(),  // 0019 atomic sign-in limits, per-client lockouts, token revocation time
        ]
    }

    package static let dependencies: [any ParleyModule.Type] = [CoreModule.self]
    package static let tenantTables: [TenantTable] = []

    package static func storageReady(_ app: Application, masterKey: MasterKey) throws {
        app.accounts = AccountsServices(
            settings: app.settings, masterKey: masterKey, threadPool: app.threadPool, fetcher: app.fetcher)
    }

    package static func register(in app: Application, routes: any RoutesBuilder) throws {
        AuthController.register(routes)
        ExternalLoginController.register(routes)
        AccountPagesController.register(routes)
        AuthOpenAPI.describe(app.openAPI)
        let graceDays = app.settings.retention.workspacePurgeDays
        app.jobs.register(
            AccountsPruning.jobKind,
            JobDefinition { context in
                try await AccountsPruning.prune(on: context.db, now: context.now)
                try await AccountDeletion.purge(
                    graceDays: graceDays, on: context.db, logger: app.logger, now: context.now)
            })
        app.jobs.schedule(
            JobSchedule(name: "prune-accounts", kind: AccountsPruning.jobKind, cadence: .daily(hour: 3, minute: 30)))
        app.asyncCommands.use(UsersCommand(), as: "users")
        app.addCommand(RotateJWTKey(), as: "rotate-jwt", in: "keys", help: "Rotate and inspect keys.")
        app.asyncCommands.use(AuthCommand(), as: "auth")
        if app.settings.benchRoutes {
            // The authenticated twin of `/bench/plain`, for `scripts/bench auth`.
            routes.unlimited(because: "benchmark route, registered only with PARLEY_BENCH_ROUTES=true")
                .grouped(Authenticate(required: true)).get("bench", "authenticated") { _ in "ok" }
        }
    }

    /// On a fresh install, a one-time link for creating the first owner, valid for an hour; nil once an
    /// account exists. `parley serve` prints it to the console, never to the log.
    package static func setupLink(_ app: Application) async throws -> String? {
        try await FirstOwner.issueLink(
            try AccountsEnvironment(app, db: app.db, logger: app.logger, client: .commandLine))
    }
}

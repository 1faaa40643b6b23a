@testable import App
import Fluent
import FluentPostgresDriver
import Foundation
import Logging
import NIOConcurrencyHelpers
import ParleyCore
import SQLKit
import Testing
import Vapor

/// Builds a configured app on its own private database (a temporary SQLite file, or a fresh PostgreSQL database
/// on the PostgreSQL lane) and its own data folder, runs `body`, and always tears everything down.
package func withTestApp(
    _ lane: DatabaseLane = .sqlite,
    variables: [String: String] = [:],
    clock: AppClock? = nil,
    random: RandomSource? = nil,
    migrate: Bool = true,
    _ body: (Application) async throws -> Void
) async throws {
    TestLogs.bootstrap()
    let dataDirectory = try TestEnvironment.makeTemporaryDirectory()
    defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
    var settingsVariables = [
        "PARLEY_ENV": "testing", "PARLEY_DATA_DIR": dataDirectory, "PARLEY_DATABASE_POOL_SIZE": "2",
        "PARLEY_PUBLIC_DIR": TestEnvironment.repositoryRoot + "/Public",
    ]
    settingsVariables.merge(variables) { _, new in new }

    let app = try await Application.make(.testing)
    if let clock { app.clock = clock }
    if let random { app.random = random }
    var postgresDatabase: String?
    do {
        if lane == .postgres {
            let name =
                "parley_test_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").prefix(16).lowercased()
            let urls = try await TestPostgres.createDatabase(named: name, in: app)
            settingsVariables["PARLEY_DATABASE_URL"] = urls.runtime
            settingsVariables["PARLEY_DATABASE_MIGRATION_URL"] = urls.owner
            settingsVariables["PARLEY_DATABASE_TLS"] = "disable"
            postgresDatabase = name
        }
        let settings = try SettingsLoader.load(settingsVariables)
        try await configure(app, settings: settings)
        try await app.prepareStorage()
        if migrate { try await app.migrateDatabase() }
        try await body(app)
    } catch {
        try await teardown(app, postgresDatabase: postgresDatabase)
        throw error
    }
    try await teardown(app, postgresDatabase: postgresDatabase)
}

private func teardown(_ app: Application, postgresDatabase: String?) async throws {
    if let postgresDatabase {
        try? await TestPostgres.dropDatabase(named: postgresDatabase, in: app)
    }
    try await app.asyncShutdown()
}

/// Creates and drops one PostgreSQL database per test, through an admin connection to the server in
/// `PARLEY_TEST_POSTGRES_URL`. A non-local host is refused before anything is sent.
///
/// Each database is set up as production should be: owned by a migration role, and used by a runtime role that
/// owns nothing and has no BYPASSRLS, so every test runs under the row-level security policies.
package enum TestPostgres {
    static let adminID = DatabaseID(string: "test-admin")
    package static let ownerRole = "parley_test_owner"
    package static let runtimeRole = "parley_test_runtime"
    static let rolePassword = "parley-test-only"

    /// The runtime and migration URLs of a new, empty database.
    static func createDatabase(named name: String, in app: Application) async throws -> (runtime: String, owner: String)
    {
        guard let base = TestEnvironment.postgresURL else {
            Issue.record(
                "The PostgreSQL lane is required (PARLEY_TEST_REQUIRE_ALL=1) but PARLEY_TEST_POSTGRES_URL is not set.")
            throw TestLaneUnavailable()
        }
        guard var components = URLComponents(string: base),
            ["127.0.0.1", "localhost", "::1", "[::1]"].contains(components.host ?? "")
        else {
            Issue.record("PARLEY_TEST_POSTGRES_URL must point at a local server; refusing \(base).")
            throw TestLaneUnavailable()
        }
        app.databases.use(
            .postgres(
                configuration: try SQLPostgresConfiguration(url: base).disablingTLS(), maxConnectionsPerEventLoop: 1),
            as: adminID, isDefault: false)
        try await createRoles(app)
        try await admin(app).raw("CREATE DATABASE \(ident: name) OWNER \(ident: ownerRole)").run()
        components.path = "/" + name
        components.password = rolePassword
        components.user = runtimeRole
        let runtime = components.string!
        components.user = ownerRole
        return (runtime, components.string!)
    }

    /// The two roles, once per server. Concurrent tests race to create them: the loser's error is swallowed
    /// inside the server, so no test sees it.
    private static func createRoles(_ app: Application) async throws {
        for role in [ownerRole, runtimeRole] {
            try await admin(app).raw(
                """
                DO $$ BEGIN
                    CREATE ROLE \(ident: role) LOGIN PASSWORD \(literal: rolePassword) NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$
                """
            ).run()
        }
    }

    /// An SQL connection to the test server as its administrator (a superuser), for checks that need one.
    package static func administrator(_ app: Application) throws -> any SQLDatabase { try admin(app) }

    static func dropDatabase(named name: String, in app: Application) async throws {
        try await admin(app).raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run()
    }

    private static func admin(_ app: Application) throws -> any SQLDatabase {
        guard let sql = app.db(adminID) as? any SQLDatabase else { throw TestLaneUnavailable() }
        return sql
    }
}

struct TestLaneUnavailable: Error {}

private extension SQLPostgresConfiguration {
    func disablingTLS() -> Self {
        var copy = self
        copy.coreConfiguration.tls = .disable
        return copy
    }
}

/// A clock tests move by hand.
package final class TestClock: Sendable {
    private let current: NIOLockedValueBox<Date>

    package init(_ start: Date = Date(timeIntervalSince1970: 1_800_000_000)) {
        current = NIOLockedValueBox(start)
    }

    package var now: Date { current.withLockedValue { $0 } }
    package func advance(by seconds: TimeInterval) { current.withLockedValue { $0 += seconds } }
    package func set(_ date: Date) { current.withLockedValue { $0 = date } }
    package var appClock: AppClock { AppClock { [self] in self.now } }
}

/// Every log line the tests' processes wrote, as JSON text, so tests can check what reaches the logs.
package enum TestLogs {
    private static let lines = NIOLockedValueBox<[String]>([])
    private static let once: Void = {
        LoggingSystem.bootstrap { label in
            JSONLogHandler(label: label, level: .info) { line in lines.withLockedValue { $0.append(line) } }
        }
    }()

    package static func bootstrap() { _ = once }

    /// The lines that contain `text`.
    package static func lines(containing text: String) -> [String] {
        lines.withLockedValue { $0.filter { $0.contains(text) } }
    }
}

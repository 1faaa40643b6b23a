import Fluent
import FluentPostgresDriver
import FluentSQLiteDriver
import NIOSSL
import ParleyCore
import SMTPClient
import SQLKit
import Vapor

/// Wires every module into `app` from `settings`: data folder and keys, database, HTTP, mail, modules, commands.
package func configure(_ app: Application, settings: Settings) async throws {
    app.settings = settings
    app.threadPool = NIOThreadPool(numberOfThreads: blockingThreadCount)
    try configureDatabase(app, settings)
    // One line per migration step is for debugging; `serve` and `migrate` say what they applied.
    app.fluent.migrationLogLevel = .debug
    configureHTTP(app, settings)
    app.mailTransport = try makeMailTransport(settings, group: app.eventLoopGroup)
    if case .postgres(let postgres) = settings.database, postgres.migrationURL != nil {
        app.migrations.add(allMigrations, to: .migrationOwner)
    } else {
        app.migrations.add(allMigrations)
    }
    if !settings.fetchAllow.isEmpty {
        app.logger.warning(
            "PARLEY_FETCH_ALLOW lets fetches reach these addresses unchecked; for development and tests only",
            metadata: ["allow": .string(settings.fetchAllow.sorted().joined(separator: ","))])
    }
    if let misordered = ModuleOrderError(modules) { throw misordered }
    app.modules = modules
    for module in modules {
        try module.register(in: app, routes: app.routes)
    }
    registerCommands(app)
}

/// The application's own pool for blocking work (SQLite statements, password hashing, local files), not NIO's
/// process-wide one. A SQLite writer waiting for the database lock holds its thread until the lock is free, so
/// applications sharing a small pool (the test suite, a command next to the server) could each end up with every
/// thread waiting on a lock whose holder needs a thread to finish. Each application has one SQLite connection per
/// event loop, so with more threads than connections, the holder always finds a free one.
let blockingThreadCount = max(4, System.coreCount * 2)

/// SQL is logged at trace level only: its bound values can hold mail bodies and links.
private func configureDatabase(_ app: Application, _ settings: Settings) throws {
    switch settings.database {
    case .sqlite(let path):
        // SQLite has one writer at a time and one connection per event loop, so a burst of writes queues for a
        // connection: give the queue longer than the default 10 seconds before a request fails.
        app.databases.use(.sqlite(.file(path), connectionPoolTimeout: .seconds(30), sqlLogLevel: .trace), as: .sqlite)
    case .postgres(let postgres):
        let runtime = try postgresConfiguration(postgres.url, name: "PARLEY_DATABASE_URL", postgres)
        app.databases.use(
            .postgres(configuration: runtime, maxConnectionsPerEventLoop: postgres.poolSize, sqlLogLevel: .trace),
            as: .psql)
        if let migrationURL = postgres.migrationURL {
            let owner = try postgresConfiguration(migrationURL, name: "PARLEY_DATABASE_MIGRATION_URL", postgres)
            app.databases.use(
                .postgres(configuration: owner, maxConnectionsPerEventLoop: 1, sqlLogLevel: .trace),
                as: .migrationOwner, isDefault: false)
        }
    }
}

private func postgresConfiguration(_ url: String, name: String, _ settings: Settings.PostgresSettings) throws
    -> SQLPostgresConfiguration
{
    // The parser's own error would carry the URL and its password: replace it.
    guard var configuration = try? SQLPostgresConfiguration(url: url) else {
        throw SettingsError(problems: ["\(name) could not be used: check its user, password, host, port and database"])
    }
    configuration.coreConfiguration.tls = try postgresTLS(settings)
    return configuration
}

private func postgresTLS(_ settings: Settings.PostgresSettings) throws -> PostgresConnection.Configuration.TLS {
    var tls = TLSConfiguration.makeClientConfiguration()
    if let caFile = settings.caFile {
        tls.additionalTrustRoots = [.file(caFile)]
    }
    switch settings.tls {
    case .disable:
        return .disable
    case .prefer:
        tls.certificateVerification = .none
        return .prefer(try NIOSSLContext(configuration: tls))
    case .require:
        // As libpq's sslmode=require: encrypted, certificate not checked. Use verify-full to check it.
        tls.certificateVerification = .none
        return .require(try NIOSSLContext(configuration: tls))
    case .verifyFull:
        tls.certificateVerification = .fullVerification
        return .require(try NIOSSLContext(configuration: tls))
    }
}

private func configureHTTP(_ app: Application, _ settings: Settings) {
    app.http.server.configuration.hostname = settings.host
    app.http.server.configuration.port = settings.port
    app.http.server.configuration.serverName = nil
    app.routes.defaultMaxBodySize = ByteCount(value: settings.maxBodyBytes)
    // Outermost first: every response, errors included, gets an id, a log line and the security headers.
    app.middleware = Middlewares()
    app.middleware.use(RequestIDMiddleware(trustedProxies: settings.trustedProxies, random: app.random))
    let routeMethods = RouteMethods(routes: app.routes)
    app.middleware.use(AccessLogMiddleware(routeMethods: routeMethods))
    app.middleware.use(SecurityHeadersMiddleware(publicURL: settings.publicURL))
    app.middleware.use(ParleyErrorMiddleware(revealInternals: !settings.isProduction, routeMethods: routeMethods))
    app.middleware.use(RateLimitMiddleware.unmatched())
}

func makeMailTransport(_ settings: Settings, group: any EventLoopGroup) throws -> MailTransport {
    guard settings.mailTransport == .smtp, let smtp = settings.smtp else {
        return .file(directory: settings.mailDirectory)
    }
    let security: SMTPConfiguration.Security =
        switch smtp.security {
        case .starttls: .startTLS
        case .tls: .implicitTLS
        case .none: .none
        }
    let credentials = smtp.username.flatMap { user in smtp.password.map { (username: user, password: $0) } }
    let configuration = SMTPConfiguration(
        host: smtp.host, port: smtp.port, security: security, credentials: credentials,
        trustRootFiles: smtp.caFile.map { [$0] } ?? [], clientName: settings.publicURL.host ?? "localhost",
        timeoutSeconds: Int64(smtp.timeoutSeconds))
    return .smtp(configuration, group: group)
}

private func registerCommands(_ app: Application) {
    app.asyncCommands.use(ServeCommand(), as: "serve", isDefault: true)
    app.asyncCommands.use(WorkerCommand(), as: "worker")
    app.asyncCommands.use(MigrateCommand(), as: "migrate")
    app.asyncCommands.use(CheckConfigCommand(), as: "check-config")
    app.asyncCommands.use(VersionCommand(), as: "version")
}

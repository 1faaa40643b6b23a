import Fluent
import Foundation
import ParleyCore
import SMTPClient
import Vapor

/// Where a request came from: recorded on sessions and audit events.
struct ClientInfo: Sendable {
    var ip: String?
    var userAgent: String?
    var requestID: String?

    static let commandLine = ClientInfo(ip: nil, userAgent: "parley command line", requestID: nil)

    init(ip: String?, userAgent: String?, requestID: String?) {
        self.ip = ip
        self.userAgent = userAgent
        self.requestID = requestID
    }

    init(_ request: Request) {
        self.init(
            ip: request.clientIP, userAgent: request.headers.first(name: .userAgent).map { String($0.prefix(512)) },
            requestID: request.requestID)
    }

    func audit(
        _ action: String, actor: AuditActor, target: (kind: String, id: String)? = nil, metadata: [String: String] = [:]
    ) -> AuditEntry {
        AuditEntry(
            action: action, actor: actor, target: target, ip: ip, userAgent: userAgent, requestID: requestID,
            metadata: metadata)
    }
}

/// What the account flows need, passed explicitly: database, clock, randomness, settings, keys and the caller.
struct AccountsEnvironment: Sendable {
    var db: any Database
    var now: Date
    var random: RandomSource
    var settings: Settings.AuthSettings
    var publicURL: URL
    var mailFrom: EmailAddress
    var masterKey: MasterKey
    var hasher: PasswordHasher
    var accessTokens: AccessTokens
    var logger: Logger
    var client: ClientInfo
    var activationHandlers: [AccountActivationHandler]

    init(_ app: Application, db: any Database, logger: Logger, client: ClientInfo) throws {
        let services = app.accounts
        self.db = db
        now = app.clock.now()
        random = app.random
        settings = app.settings.auth
        publicURL = app.settings.publicURL
        mailFrom = try EmailAddress(parsing: app.settings.mailFrom)
        masterKey = services.masterKey
        hasher = services.hasher
        accessTokens = services.accessTokens
        self.logger = logger
        self.client = client
        activationHandlers = app.accountActivationHandlers
    }

    init(_ request: Request) throws {
        try self.init(request.application, db: request.db, logger: request.logger, client: ClientInfo(request))
    }

    /// The same environment over another database handle (a transaction).
    func on(_ db: any Database) -> Self {
        var copy = self
        copy.db = db
        return copy
    }

    /// The same environment at another moment.
    func at(_ now: Date) -> Self {
        var copy = self
        copy.now = now
        return copy
    }

    func record(_ entry: AuditEntry) async throws {
        try await AuditLog.record(entry, on: db, logger: logger, now: now)
    }

    func mail(_ template: MailTemplate, to address: String, name: String?) async throws {
        try await Mailer.enqueue(
            template, to: try EmailAddress(address, name: name), from: mailFrom, on: db, now: now,
            messageIDDomain: publicURL.host ?? "localhost")
    }

    /// An absolute link to a page of this instance.
    func link(_ path: String, token: String) -> String {
        publicURL.page(path, token: token)
    }
}

/// The long-lived parts shared by every request: the token keys and the password hasher.
final class AccountsServices: Sendable {
    let masterKey: MasterKey
    let hasher: PasswordHasher
    let accessTokens: AccessTokens
    let cookies: AuthCookies
    let providers: ProviderClient
    let signInMethods = SignInMethods()
    let externalProviders: [Settings.ExternalProvider]

    init(settings: Settings, masterKey: MasterKey, threadPool: NIOThreadPool, fetcher: GuardedFetcher) {
        externalProviders = settings.externalProviders
        providers = ProviderClient(fetcher: fetcher)
        cookies = AuthCookies(publicURL: settings.publicURL, masterKey: masterKey)
        self.masterKey = masterKey
        hasher = PasswordHasher(cost: settings.auth.bcryptCost, threadPool: threadPool)
        let lifetime = TimeInterval(settings.auth.accessTokenSeconds)
        let origin = settings.publicURL.page("")
        accessTokens = AccessTokens(
            keys: AccessTokenKeys(masterKey: masterKey, tokenLifetime: lifetime),
            issuer: origin, audience: origin + "/api", lifetime: lifetime)
    }
}

extension Application {
    private struct AccountsServicesKey: StorageKey { typealias Value = AccountsServices }

    /// Set by `prepareStorage()` once the master key is loaded (see `AccountsModule`).
    var accounts: AccountsServices {
        get {
            guard let services = storage[AccountsServicesKey.self] else {
                fatalError("Accounts are used after prepareStorage()")
            }
            return services
        }
        set { storage[AccountsServicesKey.self] = newValue }
    }
}

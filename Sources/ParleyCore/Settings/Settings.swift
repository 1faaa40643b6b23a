import Foundation

/// Every setting Parley reads, built once at start-up from `PARLEY_*` variables and an optional `.env` file.
/// `SettingsLoader` builds it and reports every invalid value at once.
package struct Settings: Sendable {
    package enum RunEnvironment: String, Sendable, CaseIterable {
        case production, development, testing
    }

    package enum DatabaseKind: Sendable, Equatable {
        /// The embedded default: one SQLite file in the data folder.
        case sqlite(path: String)
        case postgres(PostgresSettings)
    }

    package struct PostgresSettings: Sendable, Equatable {
        package enum TLSMode: String, Sendable, CaseIterable {
            case disable, prefer, require, verifyFull = "verify-full"
        }
        /// The runtime role: owns no table, has no BYPASSRLS, and is held to the row-level security policies.
        package var url: String
        /// The role that owns the tables and runs migrations; nil means the runtime role does both (which
        /// `check-config` reports, since that role could then lift the policies).
        package var migrationURL: String?
        package var tls: TLSMode
        package var caFile: String?
        package var poolSize: Int
    }

    package enum RateLimitStoreKind: String, Sendable, CaseIterable { case memory, postgres }

    package enum MailTransportKind: String, Sendable, CaseIterable { case file, smtp }

    package struct SMTPSettings: Sendable, Equatable {
        package enum Security: String, Sendable, CaseIterable { case starttls, tls, none }
        package var host: String
        package var port: Int
        package var security: Security
        package var username: String?
        package var password: String?
        package var caFile: String?
        package var timeoutSeconds: Int
    }

    /// Token lifetimes and password hashing for accounts and sign-in.
    package struct AuthSettings: Sendable, Equatable {
        /// Access-token (JWT) lifetime.
        package var accessTokenSeconds: Int
        /// A session ends after this long without a refresh...
        package var refreshIdleSeconds: Int
        /// ...and after this long in any case.
        package var refreshAbsoluteSeconds: Int
        /// A just-rotated refresh token presented again within this many seconds (two browser tabs refreshing at
        /// once) gets an access token but no new refresh token, instead of revoking the session. 0 turns it off.
        package var refreshReuseLeewaySeconds: Int
        /// bcrypt cost factor (12 or more outside tests).
        package var bcryptCost: Int
        /// Consecutive failed sign-ins before an account is locked; each further failure doubles the lock.
        package var lockoutThreshold: Int
        package var lockoutBaseSeconds: Int
        package var lockoutMaxSeconds: Int
    }

    /// A sign-in provider. OpenID Connect providers are found through their issuer's discovery document; GitHub
    /// speaks plain OAuth 2.0 and its user API.
    package struct ExternalProvider: Sendable, Equatable {
        package enum Kind: Sendable, Equatable {
            case openIDConnect(issuer: URL)
            case gitHub(webURL: URL, apiURL: URL)
        }
        /// `google`, `microsoft`, `oidc` or `github`: the path segment of its login and callback URLs.
        package var id: String
        package var displayName: String
        package var kind: Kind
        package var clientID: String
        package var clientSecret: String
    }

    /// How long deleted and demo data lives.
    package struct RetentionSettings: Sendable, Equatable {
        /// A deleted workspace is purged for good this many days after deletion.
        package var workspacePurgeDays: Int
        /// Audit events older than this many days are removed by the retention job (30 at least).
        package var auditRetentionDays: Int
        /// A demo workspace, its sample data and its guest accounts are erased this many hours after creation.
        package var demoLifetimeHours: Int
    }

    package var environment: RunEnvironment
    package var dataDirectory: String
    /// Static assets (`assets/*.js`, `*.css`) served under `/assets/`.
    package var publicDirectory: String
    package var publicURL: URL
    package var host: String
    package var port: Int
    package var logLevel: String
    package var database: DatabaseKind
    package var autoMigrate: Bool
    package var masterKeyBase64: String?
    /// `PARLEY_TRUSTED_PROXIES` and `PARLEY_FORWARDED_HEADER`.
    package var proxyTrust: ProxyTrust
    package var maxBodyBytes: Int
    package var mailTransport: MailTransportKind
    package var mailFrom: String
    package var smtp: SMTPSettings?
    package var runWorkerInProcess: Bool
    package var workerConcurrency: Int
    package var jobPollIntervalMilliseconds: Int
    package var jobLeaseSeconds: Int
    package var shutdownGraceSeconds: Int
    /// How long `/readyz` waits for each check (`PARLEY_READINESS_TIMEOUT_SECONDS`).
    package var readinessTimeoutSeconds: Int = 3
    package var rateLimitStore: RateLimitStoreKind
    package var rateLimitPolicies: [RateLimitTier: RateLimitPolicy]
    /// Cloudflare Turnstile; nil means the built-in proof of work protects public forms.
    package var turnstile: TurnstileVerifier.Configuration?
    package var proofOfWorkDifficulty: Int
    /// Registers `/bench/plain` and `/bench/limited` for `scripts/bench ratelimit`.
    package var benchRoutes: Bool
    /// Exact `host:port` pairs the fetch gate lets through unchecked (development and tests); empty by default,
    /// and a warning at start-up when set.
    package var fetchAllow: Set<String> = []

    package func rateLimitPolicy(_ tier: RateLimitTier) -> RateLimitPolicy {
        rateLimitPolicies[tier] ?? tier.defaultPolicy
    }

    /// Accounts, passwords and tokens.
    package var auth: AuthSettings
    /// Configured external sign-in providers, in the order their buttons appear.
    package var externalProviders: [ExternalProvider]
    package var retention: RetentionSettings
    /// How many workspaces one person may own (`PARLEY_WORKSPACES_PER_ACCOUNT`), deleted ones counted until purged.
    package var workspacesPerAccount: Int
    /// Files: backend, storage master keys, download links.
    package var storage: StorageSettings
    /// AI providers (none: the gateway reports itself unavailable) and the operator's daily cap.
    package var ai: AISettings

    package var trustedProxies: [CIDR] { proxyTrust.proxies }
    package var isProduction: Bool { environment == .production }
    package var masterKeyPath: String { dataDirectory + "/master.key" }
    package var mailDirectory: String { dataDirectory + "/mail" }
}

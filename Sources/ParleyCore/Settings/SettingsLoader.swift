import Foundation
import SMTPClient

/// All the problems found in the configuration, reported together so an operator fixes them in one pass.
package struct SettingsError: Error, CustomStringConvertible {
    package var problems: [String]
    package init(problems: [String]) { self.problems = problems }
    package var description: String {
        "Parley's configuration has \(problems.count) problem(s):\n"
            + problems.map { "  - \($0)" }.joined(separator: "\n")
    }
}

/// Builds `Settings` from a variable map: the process environment over an optional `.env` file.
package enum SettingsLoader {
    /// Loads the process environment over `.env` in the current directory (if present).
    package static func fromProcess(dotEnvPath: String = ".env") throws -> Settings {
        var variables = (try? DotEnv.parse(contentsOf: dotEnvPath)) ?? [:]
        for (key, value) in ProcessInfo.processInfo.environment where key.hasPrefix("PARLEY_") {
            variables[key] = value
        }
        return try load(variables)
    }

    package static func load(_ variables: [String: String]) throws -> Settings {
        var reader = SettingReader(variables: variables)
        let settings = build(&reader)
        guard reader.problems.isEmpty, let settings else { throw SettingsError(problems: reader.problems) }
        return settings
    }

    private static func build(_ r: inout SettingReader) -> Settings? {
        let environment = r.choice("PARLEY_ENV", default: Settings.RunEnvironment.production)
        let dataDirectory = r.string("PARLEY_DATA_DIR", default: "./data")
        let publicDirectory = r.string("PARLEY_PUBLIC_DIR", default: "./Public")
        let host = r.string("PARLEY_HOST", default: "127.0.0.1")
        let port = r.int("PARLEY_PORT", default: 8080, range: 0...65535)
        let publicURL = r.url("PARLEY_PUBLIC_URL", default: "http://localhost:\(port)")
        let logLevel = r.oneOf(
            "PARLEY_LOG_LEVEL", default: "info",
            allowed: ["trace", "debug", "info", "notice", "warning", "error", "critical"])
        let database = databaseKind(&r, dataDirectory: dataDirectory)
        let autoMigrate = r.bool("PARLEY_AUTO_MIGRATE", default: true)
        let masterKey = r.optional("PARLEY_MASTER_KEY")
        if let masterKey, Data(base64Encoded: masterKey)?.count != 32 {
            r.problem("PARLEY_MASTER_KEY must be 32 bytes encoded as base64")
        }
        let proxies = r.list("PARLEY_TRUSTED_PROXIES").compactMap { entry -> CIDR? in
            guard let cidr = CIDR(entry) else {
                r.problem("PARLEY_TRUSTED_PROXIES: '\(entry)' is not an IP address or CIDR block"); return nil
            }
            return cidr
        }
        let forwardedHeader = r.choice("PARLEY_FORWARDED_HEADER", default: ProxyTrust.Header.xForwardedFor)
        let maxBody = r.byteSize("PARLEY_MAX_BODY_SIZE", default: 32 * 1024)
        let mailTransport = r.choice("PARLEY_MAIL_TRANSPORT", default: Settings.MailTransportKind.file)
        let mailFrom = r.string("PARLEY_MAIL_FROM", default: "Parley <parley@localhost>")
        if (try? EmailAddress(parsing: mailFrom)) == nil {
            r.problem(
                "PARLEY_MAIL_FROM must be an email address, optionally with a display name: Name <user@example.com>")
        }
        let smtp = mailTransport == .smtp ? smtpSettings(&r) : nil
        let inProcess = r.bool("PARLEY_WORKER_IN_PROCESS", default: true)
        let concurrency = r.int("PARLEY_WORKER_CONCURRENCY", default: 2, range: 1...64)
        let poll = r.int("PARLEY_JOB_POLL_INTERVAL_MS", default: 1000, range: 10...60_000)
        let lease = r.int("PARLEY_JOB_LEASE_SECONDS", default: 60, range: 5...3600)
        let grace = r.int("PARLEY_SHUTDOWN_GRACE_SECONDS", default: 20, range: 0...600)
        let readinessTimeout = r.int("PARLEY_READINESS_TIMEOUT_SECONDS", default: 3, range: 1...60)
        let rateLimitStore = r.choice("PARLEY_RATE_LIMIT_STORE", default: Settings.RateLimitStoreKind.memory)
        if rateLimitStore == .postgres, case .sqlite = database {
            r.problem("PARLEY_RATE_LIMIT_STORE=postgres needs PARLEY_DATABASE_URL to point at PostgreSQL")
        }
        var policies: [RateLimitTier: RateLimitPolicy] = [:]
        for tier in RateLimitTier.allCases {
            guard let text = r.optional(tier.settingName) else { continue }
            guard let policy = RateLimitPolicy(tier: tier, parsing: text) else {
                r.problem("\(tier.settingName) must be LIMIT/WINDOW such as 10/60s, 100/1m or 1000/1h (got '\(text)')")
                continue
            }
            policies[tier] = policy
        }
        let turnstile = turnstileSettings(&r, environment: environment, publicHost: publicURL?.host)
        let difficulty = r.int("PARLEY_POW_DIFFICULTY", default: 18, range: 8...28)
        let benchRoutes = r.bool("PARLEY_BENCH_ROUTES", default: false)
        let fetchAllow = Set(
            r.list("PARLEY_FETCH_ALLOW").compactMap { entry -> String? in
                let parts = entry.lowercased().split(separator: ":")
                guard parts.count == 2, !parts[0].isEmpty, let port = Int(parts[1]), (1...65_535).contains(port) else {
                    r.problem("PARLEY_FETCH_ALLOW: '\(entry)' is not host:port")
                    return nil
                }
                return "\(parts[0]):\(port)"
            })
        let retention = Settings.RetentionSettings(
            workspacePurgeDays: r.int("PARLEY_WORKSPACE_PURGE_DAYS", default: 30, range: 1...365),
            auditRetentionDays: r.int("PARLEY_AUDIT_RETENTION_DAYS", default: 365, range: 30...3650),
            demoLifetimeHours: r.int("PARLEY_DEMO_LIFETIME_HOURS", default: 24, range: 1...168))
        let workspacesPerAccount = r.int("PARLEY_WORKSPACES_PER_ACCOUNT", default: 10, range: 1...10_000)
        let auth = authSettings(&r, environment: environment)
        let storage = storageSettings(&r)
        let ai = aiSettings(&r)
        let providers = externalProviders(&r)
        if environment == .production, publicURL?.scheme == "http", let h = publicURL?.host,
            !["localhost", "127.0.0.1", "::1"].contains(h)
        {
            r.problem(
                "PARLEY_PUBLIC_URL must use https in production unless it points at this machine (got \(publicURL!.absoluteString))"
            )
        }
        guard let publicURL, let database else { return nil }
        var settings = Settings(
            environment: environment, dataDirectory: dataDirectory, publicDirectory: publicDirectory,
            publicURL: publicURL, host: host, port: port,
            logLevel: logLevel, database: database, autoMigrate: autoMigrate, masterKeyBase64: masterKey,
            proxyTrust: ProxyTrust(proxies: proxies, header: forwardedHeader), maxBodyBytes: maxBody,
            mailTransport: mailTransport, mailFrom: mailFrom,
            smtp: smtp, runWorkerInProcess: inProcess, workerConcurrency: concurrency,
            jobPollIntervalMilliseconds: poll, jobLeaseSeconds: lease, shutdownGraceSeconds: grace,
            rateLimitStore: rateLimitStore, rateLimitPolicies: policies, turnstile: turnstile,
            proofOfWorkDifficulty: difficulty,
            benchRoutes: benchRoutes, auth: auth, externalProviders: providers, retention: retention,
            workspacesPerAccount: workspacesPerAccount,
            storage: storage, ai: ai
        )
        settings.readinessTimeoutSeconds = readinessTimeout
        settings.fetchAllow = fetchAllow
        return settings
    }

    private static func authSettings(_ r: inout SettingReader, environment: Settings.RunEnvironment)
        -> Settings.AuthSettings
    {
        let access = r.int("PARLEY_AUTH_ACCESS_TOKEN_SECONDS", default: 600, range: 60...3600)
        let idle = r.int("PARLEY_AUTH_REFRESH_IDLE_SECONDS", default: 7 * 86_400, range: 300...90 * 86_400)
        let absolute = r.int("PARLEY_AUTH_REFRESH_ABSOLUTE_SECONDS", default: 30 * 86_400, range: 300...365 * 86_400)
        if absolute < idle {
            r.problem("PARLEY_AUTH_REFRESH_ABSOLUTE_SECONDS must be at least PARLEY_AUTH_REFRESH_IDLE_SECONDS")
        }
        let leeway = r.int("PARLEY_AUTH_REFRESH_REUSE_LEEWAY_SECONDS", default: 10, range: 0...60)
        // Tests may hash cheaply; a deployment never goes below cost 12.
        let cost = r.int("PARLEY_AUTH_BCRYPT_COST", default: 12, range: (environment == .testing ? 4 : 12)...16)
        let threshold = r.int("PARLEY_AUTH_LOCKOUT_THRESHOLD", default: 5, range: 1...100)
        let base = r.int("PARLEY_AUTH_LOCKOUT_BASE_SECONDS", default: 30, range: 1...3600)
        let max = r.int("PARLEY_AUTH_LOCKOUT_MAX_SECONDS", default: 3600, range: 1...86_400)
        return .init(
            accessTokenSeconds: access, refreshIdleSeconds: idle, refreshAbsoluteSeconds: absolute,
            refreshReuseLeewaySeconds: leeway, bcryptCost: cost, lockoutThreshold: threshold,
            lockoutBaseSeconds: base, lockoutMaxSeconds: max)
    }

    /// `PARLEY_GOOGLE_*`, `PARLEY_MICROSOFT_*`, `PARLEY_OIDC_*` and `PARLEY_GITHUB_*`: a provider is on when its
    /// client id and secret are both set.
    private static func externalProviders(_ r: inout SettingReader) -> [Settings.ExternalProvider] {
        let openID: [(id: String, prefix: String, name: String, issuer: String?)] = [
            ("google", "PARLEY_GOOGLE", "Google", "https://accounts.google.com"),
            ("microsoft", "PARLEY_MICROSOFT", "Microsoft", "https://login.microsoftonline.com/common/v2.0"),
            ("oidc", "PARLEY_OIDC", "Single sign-on", nil),
        ]
        var providers: [Settings.ExternalProvider] = []
        for entry in openID {
            guard let (clientID, secret) = clientCredentials(&r, prefix: entry.prefix) else { continue }
            guard let issuerText = r.optional(entry.prefix + "_ISSUER") ?? entry.issuer else {
                r.problem("\(entry.prefix)_ISSUER is required with \(entry.prefix)_CLIENT_ID")
                continue
            }
            guard let issuer = absoluteHTTPURL(issuerText) else {
                r.problem("\(entry.prefix)_ISSUER must be an absolute http(s) URL")
                continue
            }
            providers.append(
                .init(
                    id: entry.id, displayName: r.string(entry.prefix + "_NAME", default: entry.name),
                    kind: .openIDConnect(issuer: issuer), clientID: clientID, clientSecret: secret))
        }
        if let (clientID, secret) = clientCredentials(&r, prefix: "PARLEY_GITHUB") {
            let web = absoluteHTTPURL(r.string("PARLEY_GITHUB_BASE_URL", default: "https://github.com"))
            let api = absoluteHTTPURL(r.string("PARLEY_GITHUB_API_URL", default: "https://api.github.com"))
            if let web, let api {
                providers.append(
                    .init(
                        id: "github", displayName: "GitHub", kind: .gitHub(webURL: web, apiURL: api),
                        clientID: clientID, clientSecret: secret))
            } else {
                r.problem("PARLEY_GITHUB_BASE_URL and PARLEY_GITHUB_API_URL must be absolute http(s) URLs")
            }
        }
        return providers
    }

    private static func clientCredentials(_ r: inout SettingReader, prefix: String) -> (String, String)? {
        let clientID = r.optional(prefix + "_CLIENT_ID")
        let secret = r.secret(prefix + "_CLIENT_SECRET")
        guard clientID != nil || secret != nil else { return nil }
        guard let clientID, let secret else {
            r.problem("\(prefix)_CLIENT_ID and \(prefix)_CLIENT_SECRET must be set together")
            return nil
        }
        return (clientID, secret)
    }

    private static func absoluteHTTPURL(_ text: String) -> URL? {
        guard let url = URL(string: text.hasSuffix("/") ? String(text.dropLast()) : text),
            ["http", "https"].contains(url.scheme ?? ""), url.host != nil
        else { return nil }
        return url
    }

    private static func databaseKind(_ r: inout SettingReader, dataDirectory: String) -> Settings.DatabaseKind? {
        let tls = r.choice("PARLEY_DATABASE_TLS", default: Settings.PostgresSettings.TLSMode.prefer)
        let caFile = r.optional("PARLEY_DATABASE_CA_FILE")
        let pool = r.int("PARLEY_DATABASE_POOL_SIZE", default: 8, range: 1...200)
        guard let url = r.optional("PARLEY_DATABASE_URL") else {
            return .sqlite(path: dataDirectory + "/parley.sqlite")
        }
        if url.hasPrefix("sqlite://") {
            return .sqlite(path: String(url.dropFirst("sqlite://".count)))
        }
        guard isPostgresURL(url, name: "PARLEY_DATABASE_URL", &r) else { return nil }
        let migrationURL = r.optional("PARLEY_DATABASE_MIGRATION_URL")
        if let migrationURL, !isPostgresURL(migrationURL, name: "PARLEY_DATABASE_MIGRATION_URL", &r) { return nil }
        if let caFile, !FileManager.default.isReadableFile(atPath: caFile) {
            r.problem("PARLEY_DATABASE_CA_FILE: cannot read \(caFile)")
        }
        return .postgres(.init(url: url, migrationURL: migrationURL, tls: tls, caFile: caFile, poolSize: pool))
    }

    /// Checks a PostgreSQL URL's shape. The URL holds a password: problems describe it, never echo it.
    private static func isPostgresURL(_ url: String, name: String, _ r: inout SettingReader) -> Bool {
        guard let parsed = URLComponents(string: url), ["postgres", "postgresql"].contains(parsed.scheme ?? ""),
            let host = parsed.host, !host.isEmpty
        else {
            r.problem(
                "\(name) must be postgres://user:password@host:port/database"
                    + (name == "PARLEY_DATABASE_URL" ? " or sqlite://path" : ""))
            return false
        }
        if parsed.query != nil {
            r.problem("\(name) must not have a query string (such as sslmode); set PARLEY_DATABASE_TLS instead")
            return false
        }
        return true
    }

    private static func turnstileSettings(
        _ r: inout SettingReader, environment: Settings.RunEnvironment, publicHost: String?
    ) -> TurnstileVerifier.Configuration? {
        let siteKey = r.optional("PARLEY_TURNSTILE_SITE_KEY")
        let secret = r.secret("PARLEY_TURNSTILE_SECRET")
        let url = r.string(
            "PARLEY_TURNSTILE_VERIFY_URL", default: "https://challenges.cloudflare.com/turnstile/v0/siteverify")
        let hostname = r.string("PARLEY_TURNSTILE_HOSTNAME", default: publicHost ?? "localhost")
        let timeout = r.int("PARLEY_TURNSTILE_TIMEOUT_SECONDS", default: 5, range: 1...30)
        guard siteKey != nil || secret != nil else { return nil }
        guard let siteKey, let secret else {
            r.problem("PARLEY_TURNSTILE_SITE_KEY and PARLEY_TURNSTILE_SECRET must be set together")
            return nil
        }
        if environment == .production, TurnstileVerifier.testSecrets.contains(secret) {
            r.problem("PARLEY_TURNSTILE_SECRET is one of Cloudflare's test secrets, which production refuses")
        }
        guard let parsed = URL(string: url), ["http", "https"].contains(parsed.scheme ?? ""), parsed.host != nil else {
            r.problem("PARLEY_TURNSTILE_VERIFY_URL must be an absolute http(s) URL")
            return nil
        }
        return .init(siteKey: siteKey, secret: secret, verifyURL: url, hostname: hostname, timeoutSeconds: timeout)
    }

    private static func smtpSettings(_ r: inout SettingReader) -> Settings.SMTPSettings? {
        let host = r.optional("PARLEY_SMTP_HOST")
        if host == nil { r.problem("PARLEY_SMTP_HOST is required when PARLEY_MAIL_TRANSPORT=smtp") }
        let security = r.choice("PARLEY_SMTP_SECURITY", default: Settings.SMTPSettings.Security.starttls)
        let port = r.int("PARLEY_SMTP_PORT", default: security == .tls ? 465 : 587, range: 1...65535)
        let username = r.optional("PARLEY_SMTP_USERNAME")
        let password = r.secret("PARLEY_SMTP_PASSWORD")
        if (username == nil) != (password == nil) {
            r.problem("PARLEY_SMTP_USERNAME and PARLEY_SMTP_PASSWORD must be set together")
        }
        if username != nil, security == .none {
            r.problem(
                "PARLEY_SMTP_USERNAME needs PARLEY_SMTP_SECURITY=starttls or tls: credentials are never sent unencrypted"
            )
        }
        let caFile = r.optional("PARLEY_SMTP_CA_FILE")
        let timeout = r.int("PARLEY_SMTP_TIMEOUT_SECONDS", default: 30, range: 1...600)
        guard let host else { return nil }
        return .init(
            host: host, port: port, security: security, username: username, password: password, caFile: caFile,
            timeoutSeconds: timeout)
    }
}

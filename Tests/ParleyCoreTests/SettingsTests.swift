import Foundation
@testable import ParleyCore
import Testing

@Suite struct SettingsTests {
    @Test func emptyConfigurationGivesTheEmbeddedDefault() throws {
        let settings = try SettingsLoader.load([:])
        #expect(settings.environment == .production)
        #expect(settings.database == .sqlite(path: "./data/parley.sqlite"))
        #expect(settings.port == 8080)
        #expect(settings.host == "127.0.0.1")
        #expect(settings.publicURL.absoluteString == "http://localhost:8080")
        #expect(settings.autoMigrate)
        #expect(settings.maxBodyBytes == 32 * 1024)
        #expect(settings.mailTransport == .file)
        #expect(settings.runWorkerInProcess)
        #expect(settings.trustedProxies.isEmpty)
        #expect(settings.proofOfWorkDifficulty == 18, "every guarded form creates something: 18 bits by default")
        #expect(settings.workspacesPerAccount == 10)
        #expect(settings.readinessTimeoutSeconds == 3)
    }

    @Test func everyProblemIsListedAtOnce() throws {
        let variables = [
            "PARLEY_PORT": "eighty",
            "PARLEY_ENV": "prod",
            "PARLEY_DATABASE_URL": "mysql://db/parley",
            "PARLEY_MAIL_TRANSPORT": "smtp",
            "PARLEY_TRUSTED_PROXIES": "10.0.0.0/33",
            "PARLEY_MAX_BODY_SIZE": "big",
            "PARLEY_AUTO_MIGRATE": "perhaps",
            "PARLEY_MASTER_KEY": "c2hvcnQ=",
            "PARLEY_FETCH_ALLOW": "127.0.0.1:8080,intranet",
        ]
        let error = try #require(throws: SettingsError.self) { try SettingsLoader.load(variables) }
        for key in [
            "PARLEY_PORT", "PARLEY_ENV", "PARLEY_DATABASE_URL", "PARLEY_SMTP_HOST", "PARLEY_TRUSTED_PROXIES",
            "PARLEY_MAX_BODY_SIZE", "PARLEY_AUTO_MIGRATE", "PARLEY_MASTER_KEY", "PARLEY_FETCH_ALLOW",
        ] {
            #expect(error.problems.contains { $0.contains(key) }, "no problem names \(key): \(error.problems)")
        }
        #expect(error.problems.count == 9)
        #expect(error.problems.contains("PARLEY_FETCH_ALLOW: 'intranet' is not host:port"))
    }

    @Test func postgresURLCarriesTLSModeAndPoolSize() throws {
        let settings = try SettingsLoader.load([
            "PARLEY_DATABASE_URL": "postgres://app:secret@db.internal:5432/parley",
            "PARLEY_DATABASE_TLS": "verify-full",
            "PARLEY_DATABASE_POOL_SIZE": "12",
        ])
        #expect(
            settings.database
                == .postgres(
                    .init(
                        url: "postgres://app:secret@db.internal:5432/parley", migrationURL: nil, tls: .verifyFull,
                        caFile: nil, poolSize: 12)))
    }

    @Test func sqliteURLPicksTheFile() throws {
        #expect(
            try SettingsLoader.load(["PARLEY_DATABASE_URL": "sqlite:///srv/parley.db"]).database
                == .sqlite(path: "/srv/parley.db"))
    }

    @Test func productionNeedsHTTPSForAPublicHost() throws {
        #expect(throws: SettingsError.self) {
            try SettingsLoader.load(["PARLEY_PUBLIC_URL": "http://parley.example.com"])
        }
        let https = try SettingsLoader.load(["PARLEY_PUBLIC_URL": "https://parley.example.com/"])
        #expect(https.publicURL.absoluteString == "https://parley.example.com")
        #expect(
            try SettingsLoader.load(["PARLEY_ENV": "development", "PARLEY_PUBLIC_URL": "http://parley.test"]).publicURL
                .host == "parley.test")
    }

    @Test func publicURLWithQueryIsRefused() {
        #expect(throws: SettingsError.self) {
            try SettingsLoader.load(["PARLEY_PUBLIC_URL": "https://parley.example.com/?x=1"])
        }
    }

    @Test func secretsCanComeFromFiles() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "s3cret-from-file\n".write(toFile: dir + "/smtp-password", atomically: true, encoding: .utf8)
        let settings = try SettingsLoader.load([
            "PARLEY_MAIL_TRANSPORT": "smtp", "PARLEY_SMTP_HOST": "mail.example.com",
            "PARLEY_SMTP_USERNAME": "parley", "PARLEY_SMTP_PASSWORD_FILE": dir + "/smtp-password",
        ])
        #expect(settings.smtp?.password == "s3cret-from-file")
        #expect(settings.smtp?.port == 587)
        #expect(settings.smtp?.security == .starttls)
    }

    @Test func smtpUsernameWithoutPasswordIsAProblem() {
        #expect(throws: SettingsError.self) {
            try SettingsLoader.load([
                "PARLEY_MAIL_TRANSPORT": "smtp", "PARLEY_SMTP_HOST": "mail.example.com",
                "PARLEY_SMTP_USERNAME": "parley",
            ])
        }
    }

    @Test(arguments: [
        ("PARLEY_PORT=9000", ["PARLEY_PORT": "9000"]),
        ("# comment\n\nexport PARLEY_ENV=development", ["PARLEY_ENV": "development"]),
        ("PARLEY_MAIL_FROM=\"Parley Team <team@example.com>\"", ["PARLEY_MAIL_FROM": "Parley Team <team@example.com>"]),
        ("PARLEY_HOST='0.0.0.0'", ["PARLEY_HOST": "0.0.0.0"]),
        ("PARLEY_LOG_LEVEL=debug # while testing", ["PARLEY_LOG_LEVEL": "debug"]),
        ("not a setting", [:]),
    ])
    func dotEnvLinesParse(_ text: String, _ expected: [String: String]) {
        #expect(DotEnv.parse(text) == expected)
    }

    @Test(arguments: [("64kb", 65536), ("10mb", 10_485_760), ("512", 512), ("1gb", 1_073_741_824)])
    func bodySizesParse(_ text: String, _ bytes: Int) throws {
        #expect(try SettingsLoader.load(["PARLEY_MAX_BODY_SIZE": text]).maxBodyBytes == bytes)
    }

    /// A size whose bytes overflow an Int once trapped at startup; now it is reported like any bad size.
    @Test(arguments: ["9999999999999999gb", "9223372036854775807kb"])
    func oversizedBodySizesAreReported(_ text: String) throws {
        let error = try #require(throws: SettingsError.self) { try SettingsLoader.load(["PARLEY_MAX_BODY_SIZE": text]) }
        #expect(error.problems.contains { $0.contains("PARLEY_MAX_BODY_SIZE") })
    }
}

func makeDirectory() throws -> String {
    let path = NSTemporaryDirectory() + "parley-unit-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(
        atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    return path
}

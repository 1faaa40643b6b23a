import Foundation
@testable import App
import ParleyTestSupport
import Testing

/// The `parley` executable as an operator runs it, on a fresh data folder.
@Suite(.enabled(if: TestEnvironment.cliEnabled, "set PARLEY_TEST_BIN_DIR (scripts/test does)"))
struct CLITests {
    let workDirectory: String
    let parley: String

    init() throws {
        guard let bin = TestEnvironment.binDirectory else {
            Issue.record("PARLEY_TEST_BIN_DIR is not set: run the tests through scripts/test")
            throw CLIUnavailable()
        }
        parley = bin + "/parley"
        workDirectory = try TestEnvironment.makeTemporaryDirectory("parley-cli")
    }

    /// The environment of a fresh machine: no PARLEY_* variable except those given.
    func environment(_ variables: [String: String] = [:]) -> [String: String] {
        var env = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("PARLEY_") }
        env["PARLEY_DATA_DIR"] = workDirectory + "/data"
        env.merge(variables) { _, new in new }
        return env
    }

    func run(_ arguments: String..., variables: [String: String] = [:], input: String? = nil) async throws
        -> ChildProcess.Result
    {
        try await ChildProcess.run(
            parley, arguments, environment: environment(variables), currentDirectory: workDirectory, input: input)
    }

    @Test func versionPrintsTheRelease() async throws {
        let result = try await run("version")
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("parley "))
        #expect(!FileManager.default.fileExists(atPath: workDirectory + "/data"), "version touches no data")
    }

    @Test func serveStartsOnAFreshMachineAndStopsOnSIGTERM() async throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: parley)
        process.arguments = ["serve", "--port", "0"]
        process.environment = environment()
        process.currentDirectoryURL = URL(fileURLWithPath: workDirectory)
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { process.terminate() } }
        // The address, then (no account exists yet) the one-time setup link.
        let printed = try await onOwnThread {
            var printed = ""
            let deadline = Date() + 30
            while !printed.contains("#token="), Date() < deadline {
                let chunk = out.fileHandleForReading.availableData
                if chunk.isEmpty { break }
                printed += String(decoding: chunk, as: UTF8.self)
            }
            return printed
        }
        let match = try #require(
            printed.firstMatch(of: /listening on http:\/\/127\.0\.0\.1:(\d+)/), "printed: \(printed)")
        let port = String(match.1)
        #expect(printed.contains("No account exists yet"))
        #expect(printed.contains("Database: SQLite") && printed.contains("migration(s) applied"))
        #expect(printed.contains("Mail:     written as .eml files to ") && printed.contains("/data/mail"))
        #expect(!printed.contains("[Migrator]"), "a first start prints a short welcome, not a line per migration")
        #expect(printed.firstMatch(of: /\/setup#token=[0-9a-f]{64}/) != nil)
        let health = try await ChildProcess.run(
            "/usr/bin/env", ["curl", "-s", "-o", "/dev/null", "-w", "%{http_code}", "http://127.0.0.1:\(port)/readyz"])
        #expect(health.stdout == "200")
        let data = workDirectory + "/data"
        #expect(mode(data) == 0o700)
        #expect(mode(data + "/master.key") == 0o600)
        #expect(FileManager.default.fileExists(atPath: data + "/parley.sqlite"))
        process.terminate()  // SIGTERM
        try await onOwnThread { process.waitUntilExit() }
        #expect(process.terminationStatus == 0)
    }

    @Test func serveRefusesALooseDataFolder() async throws {
        try FileManager.default.createDirectory(
            atPath: workDirectory + "/data", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        let result = try await run("serve", "--port", "0")
        #expect(result.status != 0)
        #expect(result.stderr.contains("chmod 700"))
    }

    @Test func invalidSettingsAreAllListedBeforeAnythingStarts() async throws {
        let result = try await run(
            "check-config",
            variables: ["PARLEY_PORT": "http", "PARLEY_DATABASE_URL": "mysql://db", "PARLEY_LOG_LEVEL": "loud"])
        #expect(result.status == 78)
        for key in ["PARLEY_PORT", "PARLEY_DATABASE_URL", "PARLEY_LOG_LEVEL"] {
            #expect(result.stderr.contains(key))
        }
        #expect(
            !FileManager.default.fileExists(atPath: workDirectory + "/data"),
            "nothing is created with a bad configuration")
    }

    @Test func dotEnvFileIsReadAndTheEnvironmentWins() async throws {
        try "PARLEY_LOG_LEVEL=chatty\nPARLEY_PORT=9999\n".write(
            toFile: workDirectory + "/.env", atomically: true, encoding: .utf8)
        let fromFile = try await run("check-config")
        #expect(fromFile.status == 78)
        #expect(fromFile.stderr.contains("PARLEY_LOG_LEVEL"))
        let overridden = try await run("check-config", variables: ["PARLEY_LOG_LEVEL": "warning"])
        #expect(overridden.status == 0, "\(overridden.stderr)")
    }

    @Test func checkConfigPassesOnTheEmbeddedDefault() async throws {
        let result = try await run("check-config")
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("ok    database"))
        #expect(result.stdout.contains("ok    row-level security"))
        #expect(result.stdout.contains("ok    mail"))
    }

    @Test func setPlanNamesWhatItCannotFind() async throws {
        #expect(try await run("migrate").status == 0)
        let unknownPlan = try await run("workspaces", "set-plan", "--workspace", "acme", "--plan", "platinum")
        #expect(unknownPlan.status != 0)
        #expect((unknownPlan.stdout + unknownPlan.stderr).contains("There is no plan 'platinum'"))
        let unknownWorkspace = try await run("workspaces", "set-plan", "--workspace", "no-such-shop", "--plan", "pro")
        #expect(unknownWorkspace.status != 0)
        #expect((unknownWorkspace.stdout + unknownWorkspace.stderr).contains("No such workspace"))
    }

    @Test func checkConfigFailsWhenTheDatabaseDoesNotAnswer() async throws {
        let result = try await run(
            "check-config",
            variables: ["PARLEY_DATABASE_URL": "postgres://u:p@127.0.0.1:1/parley", "PARLEY_DATABASE_TLS": "disable"])
        #expect(result.status != 0)
        #expect(result.stdout.contains("FAIL  database"))
        #expect(result.stdout.contains("ok    mail"), "every check runs even after one fails")
    }

    @Test func migrateAppliesRevertsAndReapplies() async throws {
        let first = try await run("migrate")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("Applied: 0001_create_jobs, 0002_create_audit_events, 0003_create_mail_outbox"))
        #expect(try await run("migrate").stdout.contains("up to date"))
        let revert = try await run("migrate", "--revert", "--yes")
        #expect(revert.stdout.contains("Reverted \(allMigrations.count) migration(s)"), "every module's migrations")
        #expect(allMigrations.count >= 20)
        #expect(try await run("migrate").stdout.contains("Applied:"))
    }

    @Test func jobsCommandsListRetryAndCancel() async throws {
        #expect(try await run("migrate").status == 0)
        #expect(try await run("jobs", "list").stdout.contains("No jobs."))
        let unknown = try await run("jobs", "retry", "not-a-uuid")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("is not a job id"))
        let missing = try await run("jobs", "cancel", UUID().uuidString)
        #expect(missing.status != 0)
        #expect(missing.stderr.contains("No job with id"))
    }

    @Test func mailTestWritesAnEmlFile() async throws {
        let result = try await run("mail", "test", "--to", "ops@example.com")
        #expect(result.status == 0, "\(result.stderr)")
        let files = try FileManager.default.contentsOfDirectory(atPath: workDirectory + "/data/mail")
        #expect(files.count == 1)
        #expect(files.first?.hasSuffix(".eml") == true)
    }

    @Test func waitlistExportAndInviteRunAsOperatorsUseThem() async throws {
        #expect(try await run("migrate").status == 0)
        let export = try await run("waitlist", "export", "--csv")
        #expect(export.status == 0, "\(export.stderr)")
        #expect(export.stdout.hasPrefix("email,name,company,consented_at,confirmed_at,invited_at,created_at"))
        let noFormat = try await run("waitlist", "export")
        #expect(noFormat.status != 0)
        #expect(noFormat.stderr.contains("--csv"))
        let unknown = try await run("waitlist", "invite", "--email", "nobody@example.com")
        #expect(unknown.status != 0)
        #expect(unknown.stderr.contains("not a confirmed, uninvited waitlist entry"))
        #expect(try await run("waitlist", "invite", "--all").stdout.contains("Invited 0 waitlist entries"))
    }

    @Test func usersCreateAdminReadsThePasswordFromStandardInput() async throws {
        let created = try await run(
            "users", "create-admin", "--email", "Owner@Example.com", input: "a long enough passphrase\n")
        #expect(created.status == 0, "\(created.stderr)")
        #expect(created.stdout.contains("Created owner owner@example.com"))
        #expect(!created.stdout.contains("passphrase") && !created.stderr.contains("passphrase"))
        let again = try await run(
            "users", "create-admin", "--email", "owner@example.com", input: "a long enough passphrase\n")
        #expect(again.status != 0)
        #expect(again.stderr.contains("already has an account"))
        let weak = try await run("users", "create-admin", "--email", "second@example.com", input: "short\n")
        #expect(weak.status != 0)
        #expect(weak.stderr.contains("12 to 128 characters"))
    }

    @Test func keysRotateJWTStartsANewSigningKey() async throws {
        #expect(try await run("migrate").status == 0)
        let first = try await run("keys", "rotate-jwt")
        #expect(first.status == 0, "\(first.stderr)")
        #expect(first.stdout.contains("New signing key") && first.stdout.contains("Retired: none"))
        let second = try await run("keys", "rotate-jwt")
        let firstKey = try #require(first.stdout.firstMatch(of: /New signing key ([A-Za-z0-9_-]+)\./)).1
        #expect(second.stdout.contains("Retired: \(firstKey)"))
    }

    private func mode(_ path: String) -> Int {
        ((try? FileManager.default.attributesOfItem(atPath: path)[.posixPermissions]) as? NSNumber)?.intValue ?? -1
    }
}

struct CLIUnavailable: Error {}

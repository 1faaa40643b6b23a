import Foundation

/// What the test run may use, from the variables `scripts/test` sets.
package enum TestEnvironment {
    /// `PARLEY_TEST_REQUIRE_ALL=1`: a lane or tool that cannot run is a failure, not a skip (CI).
    package static let requireAll = ProcessInfo.processInfo.environment["PARLEY_TEST_REQUIRE_ALL"] == "1"

    /// The PostgreSQL server for the PostgreSQL lane; only a local host is accepted.
    package static let postgresURL: String? = ProcessInfo.processInfo.environment["PARLEY_TEST_POSTGRES_URL"].flatMap {
        $0.isEmpty ? nil : $0
    }

    /// Folder of the helper scripts (SMTP sink, test CA).
    package static var toolsDirectory: String {
        if let dir = ProcessInfo.processInfo.environment["PARLEY_TEST_TOOLS_DIR"] { return dir }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("tools").path
    }

    /// The package's root folder (for `Public/` and the helper tools).
    package static var repositoryRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    /// The folder holding the built `parley` executable (`scripts/test` sets it).
    package static var binDirectory: String? {
        ProcessInfo.processInfo.environment["PARLEY_TEST_BIN_DIR"]
    }

    /// Whether a Python module can be imported by `python3`.
    package static func pythonHas(_ modules: String...) -> Bool {
        (try? ChildProcess.runBlocking("/usr/bin/env", ["python3", "-c", "import " + modules.joined(separator: ", ")])
            .status) == 0
    }

    /// Tests needing a peer run when it is present, or always under `requireAll` (so a missing one fails).
    package static var smtpPeerEnabled: Bool { requireAll || pythonHas("aiosmtpd", "cryptography") }
    package static var oidcProviderEnabled: Bool { requireAll || pythonHas("oidc_provider_mock") }
    package static var hasNode: Bool {
        (try? ChildProcess.runBlocking("/usr/bin/env", ["node", "--version"]).status) == 0
    }
    package static var cliEnabled: Bool { requireAll || binDirectory != nil }

    /// A new private folder (mode 0700) under the system temp folder.
    package static func makeTemporaryDirectory(_ prefix: String = "parley-test") throws -> String {
        let path = NSTemporaryDirectory() + "\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        return path
    }
}

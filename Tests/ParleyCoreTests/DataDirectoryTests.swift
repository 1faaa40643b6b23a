import Foundation
@testable import ParleyCore
import Testing

@Suite struct DataDirectoryTests {
    private func settings(_ dir: String, _ extra: [String: String] = [:]) throws -> Settings {
        try SettingsLoader.load(["PARLEY_DATA_DIR": dir].merging(extra) { _, new in new })
    }

    private func mode(_ path: String) throws -> Int {
        (try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? NSNumber)?.intValue ?? -1
    }

    @Test func firstRunCreatesAPrivateFolderAndKey() throws {
        let parent = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: parent) }
        let dir = parent + "/data"
        let key = try DataDirectory.prepare(try settings(dir))
        #expect(try mode(dir) == 0o700)
        #expect(try mode(dir + "/master.key") == 0o600)
        #expect(key.key.bitCount == 256)
        let again = try DataDirectory.prepare(try settings(dir))
        #expect(again.key == key.key, "a second start must reuse the key")
    }

    @Test func looseFolderPermissionsStopStartUp() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: dir)
        let error = try #require(throws: DataDirectory.PermissionError.self) {
            try DataDirectory.prepare(try settings(dir))
        }
        #expect(error.description.contains("chmod 700"))
    }

    @Test func looseKeyPermissionsStopStartUp() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try DataDirectory.prepare(try settings(dir))
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/master.key")
        let error = try #require(throws: DataDirectory.PermissionError.self) {
            try DataDirectory.prepare(try settings(dir))
        }
        #expect(error.description.contains("chmod 600"))
    }

    @Test func keyFromTheEnvironmentWritesNoFile() throws {
        let dir = try makeDirectory()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let base64 = Data(repeating: 7, count: 32).base64EncodedString()
        let key = try DataDirectory.prepare(try settings(dir, ["PARLEY_MASTER_KEY": base64]))
        #expect(key.key.withUnsafeBytes { Data($0) } == Data(repeating: 7, count: 32))
        #expect(!FileManager.default.fileExists(atPath: dir + "/master.key"))
    }
}

import Crypto
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Files

/// `parley keys rotate-master`: data keys re-wrapped under a new master key, content untouched, resumable.
@Suite struct KeyRotationTests {
    static func env(_ app: Application) throws -> FilesEnvironment {
        try FilesEnvironment(app, db: app.db, logger: app.logger)
    }

    static func keyIDs(_ app: Application) async throws -> [String: Int] {
        try await KeyRotation.countsByKey(try env(app))
    }

    /// Every object's bytes at rest, by path.
    static func ciphertexts(_ app: Application) throws -> [String: Data] {
        let root = StorageSettings.localRoot(app.settings.dataDirectory)
        return try Dictionary(
            uniqueKeysWithValues: storedObjects(app).map {
                ($0, try Data(contentsOf: URL(fileURLWithPath: root + "/" + $0)))
            })
    }

    @Test(arguments: DatabaseLane.enabled)
    func aFolderKeyRotationResumesAfterAnInterruption(_ lane: DatabaseLane) async throws {
        try await withTestApp(lane, variables: fileVariables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            var files: [(id: String, bytes: [UInt8])] = []
            for index in 0..<3 {
                let bytes =
                    Array("document \(index) ".utf8) + sampleBytes(100_000, seed: UInt64(index)).map { 0x20 + $0 % 95 }
                let reply = try await upload(app, bytes, type: "text/plain", bearer: owner.token)
                #expect(reply.status == .created, "\(reply.text)")
                files.append((try #require(reply.string("id")), bytes))
            }
            let folder = StorageSettings.keyFolder(app.settings.dataDirectory)
            let oldKey = try StorageKeyFolder.load(folder).currentID
            #expect(try await Self.keyIDs(app) == [oldKey: 3])
            let before = try Self.ciphertexts(app)

            // Interrupted after one data key.
            let first = try await KeyRotation.run(stopAfter: 1, try Self.env(app))
            #expect(first.rewrapped == 1 && first.remaining == 2)
            let newKey = first.target
            #expect(newKey != oldKey)
            #expect(StorageKeyFolder.rotationTarget(folder) == newKey)
            #expect(try await Self.keyIDs(app) == [oldKey: 2, newKey: 1])
            // Meanwhile every file reads, and new uploads use the new key.
            for file in files {
                #expect(
                    try await fetch(app, try await downloadPath(app, fileID: file.id, bearer: owner.token)).body
                        == file.bytes)
            }
            #expect(
                try await upload(app, Array("after".utf8), type: "text/plain", bearer: owner.token).status == .created)
            #expect(try await Self.keyIDs(app) == [oldKey: 2, newKey: 2])

            // Run again: it resumes the same rotation and finishes.
            let second = try await KeyRotation.run(stopAfter: nil, try Self.env(app))
            #expect(second.target == newKey && second.rewrapped == 2 && second.remaining == 0)
            #expect(second.retired == [oldKey])
            #expect(StorageKeyFolder.rotationTarget(folder) == nil)
            #expect(try await Self.keyIDs(app) == [newKey: 4])
            #expect(FileManager.default.fileExists(atPath: folder + "/retired/\(oldKey).key"))
            #expect(!FileManager.default.fileExists(atPath: folder + "/\(oldKey).key"))

            // No content was re-encrypted, and everything still reads.
            let after = try Self.ciphertexts(app)
            for (path, data) in before { #expect(after[path] == data, "\(path) unchanged") }
            for file in files {
                #expect(
                    try await fetch(app, try await downloadPath(app, fileID: file.id, bearer: owner.token)).body
                        == file.bytes)
            }
        }
    }

    @Test func configuredKeysRotateWhenANewKeyComesFirst() async throws {
        let dataKey = { SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() } }
        let first = "k-one:\(dataKey())", second = "k-two:\(dataKey())"
        let dataDirectory = try TestEnvironment.makeTemporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: dataDirectory) }
        let database = "sqlite://\(dataDirectory)/shared.sqlite"
        var variables = fileVariables.merging([
            "PARLEY_DATA_DIR": dataDirectory, "PARLEY_DATABASE_URL": database, "PARLEY_STORAGE_KEYS": first,
        ]) { _, new in new }
        var fileID = ""
        let bytes = Array("contract terms".utf8)
        try await withTestApp(.sqlite, variables: variables) { app async throws in
            let owner = try await person(app, "owner@example.com")
            fileID = try #require(try await upload(app, bytes, type: "text/plain", bearer: owner.token).string("id"))
            #expect(try await Self.keyIDs(app) == ["k-one": 1])
        }
        variables["PARLEY_STORAGE_KEYS"] = "\(second),\(first)"
        try await withTestApp(.sqlite, variables: variables, migrate: false) { app async throws in
            let outcome = try await KeyRotation.run(stopAfter: nil, try Self.env(app))
            #expect(outcome.target == "k-two" && outcome.rewrapped == 1 && outcome.remaining == 0)
            #expect(try await Self.keyIDs(app) == ["k-two": 1])
            #expect(outcome.summary.contains("complete"))
        }
        variables["PARLEY_STORAGE_KEYS"] = second
        try await withTestApp(.sqlite, variables: variables, migrate: false) { app async throws in
            let owner = try await signIn(app, email: "owner@example.com")
            let token = try #require(owner.string("access_token"))
            #expect(
                try await fetch(app, try await downloadPath(app, fileID: fileID, bearer: token)).body == bytes,
                "readable with the new key alone")
        }
    }

    @Test func malformedKeySettingsAreRefused() {
        for bad in [
            "k1", "k1:short", "K1:\(Data(count: 32).base64EncodedString())",
            "a:\(Data(count: 32).base64EncodedString()),a:\(Data(count: 32).base64EncodedString())",
        ] {
            #expect(throws: SettingsError.self, "\(bad)") { _ = try SettingsLoader.load(["PARLEY_STORAGE_KEYS": bad]) }
        }
    }
}

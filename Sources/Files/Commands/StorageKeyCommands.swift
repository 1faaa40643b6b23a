import Crypto
import Foundation
import ParleyCore
import Vapor

/// `parley keys rotate-master [--stop-after N]`: re-wraps every file's data key under a new storage master key.
struct RotateMasterKey: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "stop-after", help: "Stop after re-wrapping this many data keys (run again to resume).")
        var stopAfter: Int?
    }

    var help: String {
        "Re-wrap every file's data key under a new storage master key (resumable); content is not re-encrypted."
    }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareStorage()
        let outcome = try await KeyRotation.run(
            stopAfter: signature.stopAfter, try FilesEnvironment(app, db: app.db, logger: app.logger))
        context.console.print(outcome.summary)
    }
}

/// `parley keys master-status`: the current storage master key and how many files each key protects.
struct MasterKeyStatus: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Show the storage master keys and how many files each protects." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        try await app.prepareStorage()
        let ring = try app.blobs.keys.keyring()
        let counts = try await KeyRotation.countsByKey(try FilesEnvironment(app, db: app.db, logger: app.logger))
        context.console.print("current storage master key: \(ring.currentID)")
        for id in Set(ring.keyIDs).union(counts.keys).sorted() {
            context.console.print(
                "  \(id): \(counts[id] ?? 0) file(s)\(ring.contains(id) ? "" : " (KEY MISSING: these files cannot be read)")"
            )
        }
    }
}

/// `parley keys generate-master`: prints a new `id:base64` entry for `PARLEY_STORAGE_KEYS`.
struct GenerateMasterKey: AsyncCommand {
    struct Signature: CommandSignature {}

    var help: String { "Print a new storage master key as id:base64, to put first in PARLEY_STORAGE_KEYS." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let key = SymmetricKey(size: .bits256).withUnsafeBytes { Data($0).base64EncodedString() }
        context.console.print("\(StorageKeyring.newKeyID(now: context.application.clock.now())):\(key)")
    }
}

import BlobCrypto
import Crypto
import Foundation
import NIOCore
import ParleyCore
import ParleyTestSupport
import Testing

/// Encryption at rest: what reaches the backend is ciphertext, and any change to it, or any use of it in another
/// place, fails to decrypt.
@Suite struct EncryptedBlobStoreTests {
    static func ring(_ ids: [String] = ["k1"]) throws -> StorageKeyring {
        try StorageKeyring(
            currentID: ids[0], keys: Dictionary(uniqueKeysWithValues: ids.map { ($0, SymmetricKey(size: .bits256)) }))
    }

    /// A store over a fresh local folder.
    static func withStore(
        _ ring: StorageKeyring? = nil, segmentSize: Int = 1024,
        _ body: (EncryptedBlobStore, LocalBlobBackend) async throws -> Void
    ) async throws {
        let root = try TestEnvironment.makeTemporaryDirectory("parley-blobs")
        defer { try? FileManager.default.removeItem(atPath: root) }
        let backend = LocalBlobBackend(root: root)
        try await body(
            EncryptedBlobStore(
                backend: backend, keys: StorageKeys(configured: try ring ?? Self.ring()), segmentSize: segmentSize),
            backend)
    }

    static func read(_ store: EncryptedBlobStore, _ object: SealedObject, _ context: String, _ range: Range<Int>? = nil)
        async throws -> [UInt8]
    {
        Array(buffer: try await store.open(object, context: context, range: range).collect())
    }

    static func path(_ backend: LocalBlobBackend, _ object: SealedObject) -> String {
        backend.root + "/" + object.blobKey.shardedPath
    }

    @Test(arguments: [0, 1, 1023, 1024, 1025, 5000])
    func roundTripsAndReadsAnyRange(_ size: Int) async throws {
        try await Self.withStore { store, backend in
            let bytes = sampleBytes(size, seed: UInt64(size) + 3)
            let object = try await store.store(chunked(bytes, 333), context: "ctx")
            #expect(object.size == size)
            #expect(object.sha256 == SHA256.hash(data: bytes).hexString)
            #expect(try await Self.read(store, object, "ctx") == bytes)
            let wanted = [(0, 1), (1000, 2100), (size - 7, size)].map { lower, upper in
                max(0, min(lower, size))..<max(0, min(lower, size), min(upper, size))
            }
            for range in wanted where !range.isEmpty {
                #expect(
                    try await Self.read(store, object, "ctx", range) == Array(bytes[range]), "range \(range) of \(size)"
                )
            }
            let stored = try Data(contentsOf: URL(fileURLWithPath: Self.path(backend, object)))
            #expect(stored.count == SegmentEncryptor.sealedSize(of: size, segmentSize: 1024))
            if size >= 16 { #expect(stored.range(of: Data(bytes.prefix(16))) == nil, "no plaintext at rest") }
        }
    }

    @Test func alteredTruncatedOrReorderedCiphertextDoesNotOpen() async throws {
        try await Self.withStore { store, backend in
            let bytes = sampleBytes(3 * 1024 + 100)
            let object = try await store.store(chunked(bytes), context: "ctx")
            let path = Self.path(backend, object)
            let original = try Data(contentsOf: URL(fileURLWithPath: path))
            let sealed = 1024 + SegmentedAEAD.tagSize

            var flipped = original
            flipped[sealed + 5] ^= 0x01
            var truncated = original.prefix(3 * sealed)  // the final segment dropped
            truncated = Data(truncated)
            var swapped = original
            swapped.replaceSubrange(0..<sealed, with: original[sealed..<(2 * sealed)])
            swapped.replaceSubrange(sealed..<(2 * sealed), with: original[0..<sealed])

            for (name, tampered) in [("flipped bit", flipped), ("truncated", truncated), ("swapped segments", swapped)]
            {
                try tampered.write(to: URL(fileURLWithPath: path))
                await #expect(throws: SegmentedAEADError.self, "\(name)") {
                    _ = try await Self.read(store, object, "ctx")
                }
            }
            try original.write(to: URL(fileURLWithPath: path))
            #expect(try await Self.read(store, object, "ctx") == bytes)
        }
    }

    @Test func anObjectCannotBeServedAsAnotherOrInAnotherPlace() async throws {
        try await Self.withStore { store, backend in
            let a = try await store.store(chunked(sampleBytes(2000, seed: 1)), context: "workspace/a/file/1")
            let b = try await store.store(chunked(sampleBytes(2000, seed: 2)), context: "workspace/a/file/2")
            // The same record read under another workspace's or file's context.
            await #expect(throws: BlobStoreError.self) { _ = try await Self.read(store, a, "workspace/b/file/1") }
            // A's record pointing at B's object (or B's object copied over A's).
            var aOnB = a
            aOnB.blobKey = b.blobKey
            await #expect(throws: SegmentedAEADError.self) {
                _ = try await Self.read(store, aOnB, "workspace/a/file/1")
            }
            try FileManager.default.removeItem(atPath: Self.path(backend, a))
            try FileManager.default.copyItem(atPath: Self.path(backend, b), toPath: Self.path(backend, a))
            await #expect(throws: SegmentedAEADError.self) { _ = try await Self.read(store, a, "workspace/a/file/1") }
            // B's wrapped data key moved onto A's record.
            var keySwap = a
            keySwap.wrappedKey = b.wrappedKey
            await #expect(throws: BlobStoreError.self) { _ = try await Self.read(store, keySwap, "workspace/a/file/1") }
        }
    }

    @Test func aDataKeyNeedsItsMasterKey() async throws {
        let old = try Self.ring(["old"])
        try await Self.withStore(old) { store, backend in
            let object = try await store.store(chunked(sampleBytes(100)), context: "ctx")
            #expect(object.wrappedKey.keyID == "old")
            let without = EncryptedBlobStore(
                backend: backend, keys: StorageKeys(configured: try Self.ring(["new"])), segmentSize: 1024)
            await #expect(throws: BlobStoreError.keyUnavailable(keyID: "old")) {
                _ = try await Self.read(without, object, "ctx")
            }
            // Relabelling the wrapped key with another key id does not open it either.
            var relabelled = object
            relabelled.wrappedKey.keyID = "new"
            await #expect(throws: BlobStoreError.self) { _ = try await Self.read(without, relabelled, "ctx") }
        }
    }

    @Test func anInspectorThatRefusesStopsTheStore() async throws {
        final class Refuser: PlaintextInspector, @unchecked Sendable {
            var seen = 0
            func update(_ chunk: ByteBuffer) throws {
                seen += chunk.readableBytes
                if seen > 50_000 { throw Interrupted() }
            }
            func finish() throws {}
        }
        try await Self.withStore { store, backend in
            await #expect(throws: Interrupted.self) {
                _ = try await store.store(chunked(sampleBytes(200_000)), context: "ctx", inspector: Refuser())
            }
            let objects =
                FileManager.default.enumerator(atPath: backend.root)?.allObjects.compactMap { $0 as? String }.filter {
                    BlobKey(($0 as NSString).lastPathComponent) != nil
                } ?? []
            #expect(objects.isEmpty, "nothing stored: \(objects)")
        }
    }
}

import BlobCrypto
import Crypto
import Foundation
import NIOCore
import NIOFoundationCompat

/// Every file Parley keeps, encrypted before it reaches the backend and authenticated as it is read back.
///
/// Each object gets a random 256-bit data key and nonce prefix, and is sealed in 64 KiB AES-256-GCM segments
/// (`BlobCrypto`) bound to its context (workspace and file id), so segments cannot be truncated, reordered or moved,
/// and one whole object cannot be served as another. The data key is wrapped by the current storage master key;
/// the wrapped key, its key id and the nonce prefix live in the file's database row (`SealedObject`).
package struct EncryptedBlobStore: Sendable {
    package let backend: any BlobBackend
    package let keys: StorageKeys
    package let segmentSize: Int

    package init(backend: any BlobBackend, keys: StorageKeys, segmentSize: Int = SegmentedAEAD.defaultSegmentSize) {
        self.backend = backend
        self.keys = keys
        self.segmentSize = segmentSize
    }

    /// Encrypts `body` into a new object. `inspector` sees every plaintext chunk as it passes and is finished before
    /// the object is committed: if it (or anything else) throws, nothing is stored.
    package func store<Body: AsyncSequence & Sendable>(
        _ body: Body, context: String, inspector: (any PlaintextInspector)? = nil
    ) async throws -> SealedObject
    where Body.Element == ByteBuffer {
        let dataKey = SymmetricKey(size: .bits256)
        let noncePrefix = SymmetricKey(size: .bits256).withUnsafeBytes {
            Array($0.prefix(SegmentedAEAD.noncePrefixSize))
        }
        let wrapped = try keys.keyring().wrap(dataKey, context: context)
        let sealing = SealingState(
            try SegmentEncryptor(
                key: dataKey, noncePrefix: noncePrefix, associatedData: Data(context.utf8), segmentSize: segmentSize),
            inspector: inspector)
        let key = BlobKey.random()
        try await backend.put(key, SealingSequence(base: body, state: sealing))
        return SealedObject(
            blobKey: key, wrappedKey: wrapped, noncePrefix: noncePrefix, segmentSize: segmentSize,
            size: sealing.size, sha256: sealing.digest)
    }

    /// Streams the plaintext of `object` (or of `range` within it), each segment authenticated before release.
    package func open(_ object: SealedObject, context: String, range: Range<Int>? = nil) async throws
        -> AsyncThrowingStream<ByteBuffer, any Error>
    {
        let wanted = range ?? 0..<object.size
        guard !wanted.isEmpty else { return .chunks([]) }
        let dataKey = try keys.keyring().unwrap(object.wrappedKey, context: context)
        let sealedSegment = object.segmentSize + SegmentedAEAD.tagSize
        let first = wanted.lowerBound / object.segmentSize
        let last = (wanted.upperBound - 1) / object.segmentSize
        let sealedTotal = SegmentEncryptor.sealedSize(of: object.size, segmentSize: object.segmentSize)
        let sealedRange = first * sealedSegment..<min(sealedTotal, (last + 1) * sealedSegment)
        let reachesEnd = sealedRange.upperBound == sealedTotal
        let decryptor = try SegmentDecryptor(
            key: dataKey, noncePrefix: object.noncePrefix, associatedData: Data(context.utf8),
            segmentSize: object.segmentSize, firstSegment: UInt64(first))
        let source = try await backend.get(object.blobKey, range: sealedRange)
        let opening = OpeningState(
            decryptor, skip: wanted.lowerBound - first * object.segmentSize, take: wanted.count, reachesEnd: reachesEnd)
        let iterator = SharedIterator(source.makeAsyncIterator())
        return AsyncThrowingStream(unfolding: { try await opening.next(from: iterator) })
    }

    package func delete(_ key: BlobKey) async throws { try await backend.delete(key) }

    /// The context that binds an object's ciphertext and data key to its place: the same file id in another
    /// workspace, or another file id, does not open.
    package static func context(workspaceID: UUID, fileID: UUID) -> String {
        "workspace/\(workspaceID.uuidString.lowercased())/file/\(fileID.uuidString.lowercased())"
    }
}

/// What the database keeps about one encrypted object, beside the file's own metadata.
package struct SealedObject: Sendable, Equatable {
    package var blobKey: BlobKey
    package var wrappedKey: WrappedDataKey
    package var noncePrefix: [UInt8]
    package var segmentSize: Int
    /// Plaintext bytes.
    package var size: Int
    /// Hex SHA-256 of the plaintext.
    package var sha256: String

    package init(
        blobKey: BlobKey, wrappedKey: WrappedDataKey, noncePrefix: [UInt8], segmentSize: Int, size: Int, sha256: String
    ) {
        self.blobKey = blobKey
        self.wrappedKey = wrappedKey
        self.noncePrefix = noncePrefix
        self.segmentSize = segmentSize
        self.size = size
        self.sha256 = sha256
    }
}

/// Looks at plaintext as it is stored (type detection, size limits, hostile content) and may refuse it.
package protocol PlaintextInspector: AnyObject, Sendable {
    func update(_ chunk: ByteBuffer) throws
    func finish() throws
}

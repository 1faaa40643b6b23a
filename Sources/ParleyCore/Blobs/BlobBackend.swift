import Foundation
import NIOCore

/// Where encrypted objects physically live: the local data folder or an S3-compatible bucket. A backend stores
/// opaque bytes; it never sees plaintext (`EncryptedBlobStore` seals before and opens after).
package protocol BlobBackend: Sendable {
    /// A short name for logs and `/readyz` ("local", "s3").
    var name: String { get }

    /// Stores the bytes of `body` under `key`. The object becomes visible only once complete: if `body` throws, or
    /// the write fails, nothing is left under `key`.
    func put<Body: AsyncSequence & Sendable>(_ key: BlobKey, _ body: Body) async throws where Body.Element == ByteBuffer

    /// Streams the object's bytes in `range` (the whole object when nil).
    func get(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<ByteBuffer, any Error>

    /// Removes the object; removing a missing object is not an error.
    func delete(_ key: BlobKey) async throws

    /// Proves the backend can write, read and delete now (for `/readyz`); throws otherwise.
    func check() async throws
}

/// Why the blob store could not do what was asked.
package enum BlobStoreError: Error, Equatable, CustomStringConvertible {
    case notFound(BlobKey)
    case backend(String)
    case keyUnavailable(keyID: String)
    case corrupt(String)

    package var description: String {
        switch self {
        case .notFound(let key): "blob \(key) does not exist"
        case .backend(let why): "the blob store failed: \(why)"
        case .keyUnavailable(let id): "the storage master key '\(id)' is not configured"
        case .corrupt(let why): "a stored file failed its integrity check: \(why)"
        }
    }
}

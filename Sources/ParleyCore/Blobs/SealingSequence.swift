import BlobCrypto
import Crypto
import Foundation
import NIOCore
import NIOFoundationCompat

/// The encrypting side of a store: plaintext chunks in, sealed segments out, hashing and inspecting on the way.
final class SealingState: @unchecked Sendable {
    // Touched only by the one task that drains the sequence.
    private var encryptor: SegmentEncryptor
    private let hasher = BackgroundHasher()
    private let inspector: (any PlaintextInspector)?
    private(set) var size = 0
    private(set) var digest = ""
    private var finished = false

    init(_ encryptor: SegmentEncryptor, inspector: (any PlaintextInspector)?) {
        self.encryptor = encryptor
        self.inspector = inspector
    }

    func seal(_ chunk: ByteBuffer) throws -> ByteBuffer {
        try inspector?.update(chunk)
        size += chunk.readableBytes
        hasher.update(chunk)
        return ByteBuffer(data: try encryptor.update(Data(buffer: chunk, byteTransferStrategy: .noCopy)))
    }

    /// The final segment, once; nil afterwards.
    func finish() async throws -> ByteBuffer? {
        guard !finished else { return nil }
        finished = true
        try inspector?.finish()
        digest = await hasher.finish()
        return ByteBuffer(data: try encryptor.finish())
    }
}

/// SHA-256 computed on another task while the caller encrypts, so the two use both cores. Chunks arrive in
/// order through an unbounded stream; hashing outpaces any upload, so little waits in it.
final class BackgroundHasher: Sendable {
    private let chunks: AsyncStream<ByteBuffer>.Continuation
    private let digest: Task<String, Never>

    init() {
        let (stream, continuation) = AsyncStream<ByteBuffer>.makeStream()
        chunks = continuation
        digest = Task {
            var hash = SHA256()
            for await chunk in stream { chunk.withUnsafeReadableBytes { hash.update(bufferPointer: $0) } }
            return hash.finalize().hexString
        }
    }

    func update(_ chunk: ByteBuffer) { chunks.yield(chunk) }

    func finish() async -> String {
        chunks.finish()
        return await digest.value
    }

    deinit { chunks.finish() }
}

/// An async sequence of sealed segments over a plaintext sequence.
struct SealingSequence<Base: AsyncSequence & Sendable>: AsyncSequence, Sendable where Base.Element == ByteBuffer {
    typealias Element = ByteBuffer
    let base: Base
    let state: SealingState

    struct AsyncIterator: AsyncIteratorProtocol {
        var base: Base.AsyncIterator
        let state: SealingState

        mutating func next() async throws -> ByteBuffer? {
            while let chunk = try await base.next() {
                let sealed = try state.seal(chunk)
                if sealed.readableBytes > 0 { return sealed }
            }
            return try await state.finish()
        }
    }

    func makeAsyncIterator() -> AsyncIterator { AsyncIterator(base: base.makeAsyncIterator(), state: state) }
}

/// The decrypting side of a read: sealed bytes in, the wanted plaintext bytes out.
final class OpeningState: @unchecked Sendable {
    // Touched only by the stream's own (serial) unfolding.
    private var decryptor: SegmentDecryptor
    private var skip: Int
    private var remaining: Int
    private let reachesEnd: Bool
    private var done = false

    init(_ decryptor: SegmentDecryptor, skip: Int, take: Int, reachesEnd: Bool) {
        self.decryptor = decryptor
        self.skip = skip
        remaining = take
        self.reachesEnd = reachesEnd
    }

    func next(from source: SharedIterator) async throws -> ByteBuffer? {
        while !done, remaining > 0 {
            let plaintext: Data
            if let sealed = try await source.next() {
                plaintext = try decryptor.update(Data(buffer: sealed, byteTransferStrategy: .noCopy))
            } else {
                plaintext = try decryptor.finish(atObjectEnd: reachesEnd)
                done = true
            }
            if let out = trim(plaintext) { return out }
        }
        return nil
    }

    private func trim(_ plaintext: Data) -> ByteBuffer? {
        var slice = plaintext[...]
        let dropped = min(skip, slice.count)
        slice = slice.dropFirst(dropped)
        skip -= dropped
        slice = slice.prefix(remaining)
        remaining -= slice.count
        return slice.isEmpty ? nil : ByteBuffer(bytes: slice)
    }
}

/// An iterator shared with a stream's unfolding closure, which never runs concurrently with itself.
final class SharedIterator: @unchecked Sendable {
    private var iterator: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator
    init(_ iterator: AsyncThrowingStream<ByteBuffer, any Error>.AsyncIterator) { self.iterator = iterator }
    func next() async throws -> ByteBuffer? { try await iterator.next() }
}

import Foundation
import NIOCore
import NIOPosix

/// Objects as files under the data folder: `<root>/ab/cd/<key>`, mode 0600 in 0700 folders.
///
/// A write goes to `<root>/tmp/` first and is linked into place only when complete (`link` refuses to replace an
/// existing object), so a failed or refused upload never leaves a partial object behind. Paths come only from
/// `BlobKey`, which is 32 hex characters: no user input reaches the file system.
package struct LocalBlobBackend: BlobBackend {
    package let root: String
    private let pool: NIOThreadPool
    /// Bytes read per chunk when streaming an object out.
    private let readChunkSize = 1024 * 1024

    package var name: String { "local" }

    package init(root: String, pool: NIOThreadPool = .singleton) {
        self.root = root
        self.pool = pool
    }

    package func put<Body: AsyncSequence & Sendable>(_ key: BlobKey, _ body: Body) async throws
    where Body.Element == ByteBuffer {
        try Self.makeFolder(root + "/tmp")
        let temporary = "\(root)/tmp/\(key.value).\(BlobKey.random().value).part"
        let file = try LocalFile(opening: temporary, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
        do {
            // Each chunk is written while the next one is produced (encrypted), so disk and CPU work overlap.
            var writing: Task<Void, any Error>?
            for try await chunk in body {
                try await writing?.value
                writing = Task { [pool] in try await pool.runIfActive { try file.write(chunk) } }
            }
            try await writing?.value
            try await pool.runIfActive {
                try file.sync()
                let final = root + "/" + key.shardedPath
                try Self.makeFolder((final as NSString).deletingLastPathComponent)
                guard link(temporary, final) == 0 else { throw LocalFile.failure("cannot place \(key)") }
            }
        } catch {
            unlink(temporary)
            throw error
        }
        unlink(temporary)
    }

    package func get(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<ByteBuffer, any Error> {
        let path = root + "/" + key.shardedPath
        let file = try await pool.runIfActive { () throws -> LocalFile in
            guard access(path, F_OK) == 0 else { throw BlobStoreError.notFound(key) }
            return try LocalFile(opening: path, flags: O_RDONLY | O_CLOEXEC)
        }
        let size = try file.size()
        let end = min(range?.upperBound ?? size, size)
        let reader = Reader(
            file: file, pool: pool, key: key, from: min(range?.lowerBound ?? 0, end), to: end, chunkSize: readChunkSize)
        return AsyncThrowingStream(unfolding: { try await reader.next() })
    }

    package func delete(_ key: BlobKey) async throws {
        let path = root + "/" + key.shardedPath
        try await pool.runIfActive {
            guard unlink(path) == 0 || errno == ENOENT else { throw LocalFile.failure("cannot delete \(key)") }
        }
    }

    package func check() async throws {
        let key = BlobKey.random()
        let probe = ByteBuffer(string: "ready")
        try await put(key, AsyncThrowingStream<ByteBuffer, any Error>.chunks([probe]))
        let read = await Result(catching: { try await get(key, range: nil).collect() })
        try await delete(key)
        guard try read.get() == probe else {
            throw BlobStoreError.backend("the local probe object read back differently")
        }
    }

    private static func makeFolder(_ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: path, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
    }

    /// Reads an object chunk by chunk, fetching the next chunk while the caller works on the current one. Only
    /// the stream's own (serial) unfolding touches it.
    private final class Reader: @unchecked Sendable {
        private let file: LocalFile
        private let pool: NIOThreadPool
        private let key: BlobKey
        private let end: Int
        private let chunkSize: Int
        private var offset: Int
        private var ahead: Task<ByteBuffer?, any Error>?

        init(file: LocalFile, pool: NIOThreadPool, key: BlobKey, from start: Int, to end: Int, chunkSize: Int) {
            self.file = file
            self.pool = pool
            self.key = key
            offset = start
            self.end = end
            self.chunkSize = chunkSize
        }

        deinit { ahead?.cancel() }

        func next() async throws -> ByteBuffer? {
            let current = try await (ahead ?? fetch()).value
            ahead = current == nil ? nil : fetch()
            return current
        }

        private func fetch() -> Task<ByteBuffer?, any Error> {
            let start = offset
            guard start < end else { return Task { nil } }
            let count = min(chunkSize, end - start)
            offset += count
            return Task { [file, pool, key] in
                let chunk = try await pool.runIfActive { try file.read(at: start, count: count) }
                guard chunk.readableBytes == count else {
                    throw BlobStoreError.corrupt("\(key) is shorter than expected")
                }
                return chunk
            }
        }
    }
}

/// An open file descriptor, closed when the last reference goes (also when a reader stops early).
package final class LocalFile: @unchecked Sendable {
    private let fd: Int32

    package init(opening path: String, flags: Int32) throws {
        fd = open(path, flags, 0o600)
        guard fd >= 0 else { throw Self.failure("cannot open a blob file") }
    }

    deinit { close(fd) }

    package func write(_ buffer: ByteBuffer) throws {
        try buffer.withUnsafeReadableBytes { bytes in
            var done = 0
            while done < bytes.count {
                let n = Glibc.write(fd, bytes.baseAddress! + done, bytes.count - done)
                if n < 0 { if errno == EINTR { continue }; throw Self.failure("cannot write a blob file") }
                done += n
            }
        }
    }

    package func read(at offset: Int, count: Int) throws -> ByteBuffer {
        var buffer = ByteBufferAllocator().buffer(capacity: count)
        let n = try buffer.writeWithUnsafeMutableBytes(minimumWritableBytes: count) { bytes in
            while true {
                let n = pread(fd, bytes.baseAddress!, count, off_t(offset))
                if n < 0, errno == EINTR { continue }
                guard n >= 0 else { throw Self.failure("cannot read a blob file") }
                return n
            }
        }
        _ = n
        return buffer
    }

    package func size() throws -> Int {
        var info = stat()
        guard fstat(fd, &info) == 0 else { throw Self.failure("cannot stat a blob file") }
        return Int(info.st_size)
    }

    package func sync() throws {
        guard fsync(fd) == 0 else { throw Self.failure("cannot flush a blob file") }
    }

    static func failure(_ what: String) -> BlobStoreError {
        .backend("\(what): \(String(cString: strerror(errno)))")
    }
}

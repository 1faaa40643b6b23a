import Foundation
import NIOCore
import NIOConcurrencyHelpers
import NIOPosix
import ParleyCore
import Vapor

/// `parley files bench-storage [--size-mb 200] [--rounds 3]`: stores a file through the local encrypted backend
/// and reads it back, against a plain copy of the same bytes in the same run, and samples memory meanwhile.
/// `scripts/bench storage` runs it on a release build.
struct StorageBenchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "size-mb", help: "Size of the test file in MiB (default 200).")
        var sizeMB: Int?
        @Option(name: "rounds", help: "Rounds of each kind, alternated (default 3).")
        var rounds: Int?
    }

    var help: String { "Benchmark the encrypted local file store against a plain copy." }

    static let chunkSize = 1024 * 1024

    func run(using context: CommandContext, signature: Signature) async throws {
        let size = (signature.sizeMB ?? 200) * 1024 * 1024
        let work = NSTemporaryDirectory() + "parley-storage-bench-" + BlobKey.random().value
        try FileManager.default.createDirectory(
            atPath: work, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(atPath: work) }
        let source = work + "/source.bin"
        try Self.writeRandom(source, size: size)
        let ring = try StorageKeyring(currentID: "bench", keys: ["bench": .init(size: .bits256)])
        let store = EncryptedBlobStore(
            backend: LocalBlobBackend(root: work + "/blobs"), keys: StorageKeys(configured: ring))
        context.console.print(
            "file: \(size / 1024 / 1024) MiB; chunks of \(Self.chunkSize / 1024) KiB; baseline RSS \(MemorySampler.currentRSSMB()) MiB"
        )
        for round in 1...(signature.rounds ?? 3) {
            let plain = try await Self.timed { try await Self.plainCopy(source, to: work + "/copy-\(round).bin") }
            try? FileManager.default.removeItem(atPath: work + "/copy-\(round).bin")
            let sampler = MemorySampler()
            var object: SealedObject?
            let storing = try await Self.timed {
                object = try await store.store(Self.chunks(of: source), context: "bench/\(round)")
            }
            let reading = try await Self.timed {
                var read = 0
                for try await chunk in try await store.open(object!, context: "bench/\(round)") {
                    read += chunk.readableBytes
                }
                guard read == size else { throw CommandFailure("read back \(read) bytes of \(size)") }
            }
            try await store.delete(object!.blobKey)
            let peak = sampler.stop()
            let mb = Double(size) / 1_048_576, encrypted = storing + reading
            context.console.print(
                String(
                    format:
                        "round %d: plain copy %.0f MiB/s (write and read back); encrypted %.0f MiB/s (%.0f%% of plain; store %.2f s, read %.2f s); peak RSS during the encrypted run %.1f MiB",
                    round, mb / plain, mb / encrypted, plain / encrypted * 100, storing, reading, peak))
        }
    }

    /// Write then read back, as the encrypted run does: the same bytes through the same-size chunks, fsynced.
    static func plainCopy(_ source: String, to destination: String) async throws {
        let out = try LocalFile(opening: destination, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
        for try await chunk in chunks(of: source) {
            try await NIOThreadPool.singleton.runIfActive { try out.write(chunk) }
        }
        try out.sync()
        var read = 0
        for try await chunk in chunks(of: destination) { read += chunk.readableBytes }
        _ = read
    }

    static func chunks(of path: String) -> AsyncThrowingStream<ByteBuffer, any Error> {
        let file = try? LocalFile(opening: path, flags: O_RDONLY | O_CLOEXEC)
        let offset = NIOLockedValueBox(0)
        return AsyncThrowingStream(unfolding: {
            guard let file else { throw CommandFailure("cannot open \(path)") }
            let start = offset.withLockedValue { $0 }
            let chunk = try await NIOThreadPool.singleton.runIfActive { try file.read(at: start, count: chunkSize) }
            guard chunk.readableBytes > 0 else { return nil }
            offset.withLockedValue { $0 += chunk.readableBytes }
            return chunk
        })
    }

    static func writeRandom(_ path: String, size: Int) throws {
        let file = try LocalFile(opening: path, flags: O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC)
        var generator = SystemRandomNumberGenerator()
        var written = 0
        while written < size {
            let count = min(chunkSize, size - written)
            var buffer = ByteBufferAllocator().buffer(capacity: count)
            for _ in 0..<(count / 8) { buffer.writeInteger(generator.next() as UInt64) }
            buffer.writeBytes([UInt8](repeating: 7, count: count % 8))
            try file.write(buffer)
            written += count
        }
        try file.sync()
    }

    static func timed(_ body: () async throws -> Void) async throws -> Double {
        let start = ContinuousClock.now
        try await body()
        let elapsed = ContinuousClock.now - start
        return Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
    }
}

/// Samples the process's resident memory every 20 ms until stopped; reports the peak in MiB.
final class MemorySampler: @unchecked Sendable {
    private let peak = NIOLockedValueBox(0.0)
    private var task: Task<Void, Never>?

    init() {
        let peak = peak
        task = Task.detached {
            while !Task.isCancelled {
                let now = MemorySampler.currentRSSMB()
                peak.withLockedValue { $0 = max($0, now) }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
    }

    func stop() -> Double {
        task?.cancel()
        return peak.withLockedValue { max($0, MemorySampler.currentRSSMB()) }
    }

    static func currentRSSMB() -> Double {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
            let kb = Double(line.split(separator: " ").dropFirst().first ?? "")
        else { return 0 }
        return kb / 1024
    }
}

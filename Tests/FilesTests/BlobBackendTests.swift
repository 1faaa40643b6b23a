import Foundation
import NIOCore
import ParleyCore
import ParleyTestSupport
import S3Client
import Testing

/// The storage backends, held to one suite: the local folder, and S3 through a real S3 API on loopback (moto).
enum BackendLane: String, CaseIterable, CustomStringConvertible, Sendable {
    case local, s3
    var description: String { rawValue }

    static var enabled: [BackendLane] {
        TestEnvironment.requireAll || TestEnvironment.pythonHas("moto", "boto3") ? allCases : [.local]
    }
}

/// Runs `body` with a fresh backend of `lane`, and the S3 server when there is one.
func withBackend(
    _ lane: BackendLane, bucket: String = "parley-test", partSize: Int = 5 * 1024 * 1024,
    _ body: (any BlobBackend) async throws -> Void
) async throws {
    switch lane {
    case .local:
        let root = try TestEnvironment.makeTemporaryDirectory("parley-blobs")
        defer { try? FileManager.default.removeItem(atPath: root) }
        try await body(LocalBlobBackend(root: root))
    case .s3:
        let server = try await LoopbackPeer.start(script: "s3_server.py", arguments: ["parley-test"])
        defer { server.stop() }
        try await body(s3Backend(port: server.port, bucket: bucket, partSize: partSize))
    }
}

func s3Backend(port: Int, bucket: String, partSize: Int = 5 * 1024 * 1024) throws -> S3BlobBackend {
    let endpoint = try S3Endpoint(url: URL(string: "http://127.0.0.1:\(port)")!, region: "us-east-1", bucket: bucket)
    return S3BlobBackend(
        endpoint: endpoint,
        credentials: S3Credentials(accessKeyID: "parley-test", secretAccessKey: "parley-test-secret"),
        partSize: partSize)
}

/// `bytes` as a stream of `chunkSize` pieces.
func chunked(_ bytes: [UInt8], _ chunkSize: Int = 10_000) -> AsyncThrowingStream<ByteBuffer, any Error> {
    .chunks(
        stride(from: 0, to: bytes.count, by: chunkSize).map {
            ByteBuffer(bytes: bytes[$0..<min($0 + chunkSize, bytes.count)])
        })
}

/// Deterministic bytes that do not repeat within a segment.
func sampleBytes(_ count: Int, seed: UInt64 = 1) -> [UInt8] {
    var state = seed &* 0x9E37_79B9_7F4A_7C15
    return (0..<count).map { _ in
        state ^= state << 13; state ^= state >> 7; state ^= state << 17
        return UInt8(truncatingIfNeeded: state)
    }
}

struct Interrupted: Error {}

@Suite struct BlobBackendTests {
    @Test(arguments: BackendLane.enabled)
    func storesReadsRangesAndDeletes(_ lane: BackendLane) async throws {
        try await withBackend(lane) { backend in
            let key = BlobKey.random()
            let bytes = sampleBytes(300_000)
            try await backend.put(key, chunked(bytes))
            #expect(Array(buffer: try await backend.get(key, range: nil).collect()) == bytes)
            #expect(
                Array(buffer: try await backend.get(key, range: 1000..<1010).collect()) == Array(bytes[1000..<1010]))
            #expect(
                Array(buffer: try await backend.get(key, range: 299_990..<400_000).collect())
                    == Array(bytes[299_990...]), "a range past the end stops at it")
            try await backend.delete(key)
            await #expect(throws: BlobStoreError.notFound(key)) { _ = try await backend.get(key, range: nil).collect() }
            try await backend.delete(key)  // deleting twice is fine
            try await backend.check()
        }
    }

    @Test(arguments: BackendLane.enabled)
    func aFailedUploadLeavesNothing(_ lane: BackendLane) async throws {
        try await withBackend(lane) { backend in
            let key = BlobKey.random()
            // 11 MiB then a failure: on S3 that is two uploaded parts of a multipart upload, which must be aborted.
            let failing = AsyncThrowingStream<ByteBuffer, any Error> { continuation in
                for _ in 0..<11 { continuation.yield(ByteBuffer(bytes: [UInt8](repeating: 7, count: 1024 * 1024))) }
                continuation.finish(throwing: Interrupted())
            }
            await #expect(throws: Interrupted.self) { try await backend.put(key, failing) }
            await #expect(throws: BlobStoreError.notFound(key)) { _ = try await backend.get(key, range: nil).collect() }
            if let local = backend as? LocalBlobBackend {
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: local.root + "/tmp")
                #expect(leftovers.isEmpty, "no partial file")
            }
        }
    }

    @Test(arguments: BackendLane.enabled)
    func largeObjectsGoUpInPartsAndComeBackWhole(_ lane: BackendLane) async throws {
        try await withBackend(lane) { backend in
            let key = BlobKey.random()
            let bytes = sampleBytes(12 * 1024 * 1024 + 123, seed: 9)
            try await backend.put(key, chunked(bytes, 1024 * 1024))
            let back = Array(buffer: try await backend.get(key, range: nil).collect())
            #expect(back.count == bytes.count)
            #expect(back == bytes)
        }
    }

    @Test func s3RefusesAMissingBucketAndReportsMissingObjects() async throws {
        guard BackendLane.enabled.contains(.s3) else { return }
        let server = try await LoopbackPeer.start(script: "s3_server.py", arguments: ["parley-test"])
        defer { server.stop() }
        await #expect(throws: BlobStoreError.self) {
            try await s3Backend(port: server.port, bucket: "no-such-bucket").check()
        }
        let missing = BlobKey.random()
        await #expect(throws: BlobStoreError.notFound(missing)) {
            _ = try await s3Backend(port: server.port, bucket: "parley-test").get(missing, range: nil).collect()
        }
    }

    @Test func localKeysCannotLeaveTheFolder() {
        #expect(BlobKey("../../etc/passwd") == nil)
        #expect(BlobKey("0123456789abcdef0123456789abcdeF") == nil, "lowercase hex only")
        #expect(BlobKey("0123456789abcdef0123456789abcde") == nil, "exactly 32 characters")
        let key = BlobKey.random()
        #expect(BlobKey(key.value) == key)
        #expect(key.shardedPath == "\(key.value.prefix(2))/\(key.value.dropFirst(2).prefix(2))/\(key.value)")
    }
}

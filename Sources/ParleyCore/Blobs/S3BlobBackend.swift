import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import S3Client

/// Objects in an S3-compatible bucket (AWS S3, MinIO, Ceph, R2…), signed with AWS Signature V4 by `S3Client`.
///
/// An object smaller than one part is a single PutObject; a larger one is a multipart upload of `partSize` parts,
/// aborted if anything fails, so memory stays at one part whatever the object's size and a failed upload leaves
/// nothing behind. Reads stream the answer's body and ask for byte ranges.
package struct S3BlobBackend: BlobBackend {
    package let endpoint: S3Endpoint
    private let signer: SigV4Signer
    private let client: HTTPClient
    private let partSize: Int
    /// Every object lives under this prefix, so the bucket can hold other things.
    private let prefix = "parley/blobs/"
    private let timeout: TimeAmount = .seconds(60)

    package var name: String { "s3" }

    package init(endpoint: S3Endpoint, credentials: S3Credentials, partSize: Int, client: HTTPClient = .shared) {
        self.endpoint = endpoint
        signer = SigV4Signer(credentials: credentials, endpoint: endpoint)
        self.partSize = max(partSize, 5 * 1024 * 1024)
        self.client = client
    }

    package func put<Body: AsyncSequence & Sendable>(_ key: BlobKey, _ body: Body) async throws
    where Body.Element == ByteBuffer {
        let name = prefix + key.shardedPath
        var part = ByteBuffer()
        var upload: MultipartUpload?
        do {
            for try await chunk in body {
                part.writeImmutableBuffer(chunk)
                while part.readableBytes >= partSize {
                    let slice = part.readSlice(length: partSize)!
                    if upload == nil { upload = try await MultipartUpload.start(name, backend: self) }
                    try await upload!.send(slice, backend: self)
                    part.discardReadBytes()
                }
            }
            guard var upload else {
                try await expect(
                    send(try S3Request.putObject(endpoint, key: name, body: Data(buffer: part)), body: part), [.ok], key
                )
                return
            }
            if part.readableBytes > 0 { try await upload.send(part, backend: self) }
            try await upload.complete(backend: self)
        } catch {
            if let upload { await upload.abort(backend: self) }
            throw error
        }
    }

    package func get(_ key: BlobKey, range: Range<Int>?) async throws -> AsyncThrowingStream<ByteBuffer, any Error> {
        if let range, range.isEmpty { return .chunks([]) }
        let request = try S3Request.getObject(
            endpoint, key: prefix + key.shardedPath, range: range.map { $0.lowerBound...($0.upperBound - 1) })
        let response = try await send(request, body: nil)
        guard response.status == .ok || response.status == .partialContent else {
            throw await failure(response, key)
        }
        let body = ResponseBody(response.body.makeAsyncIterator())
        return AsyncThrowingStream(unfolding: { try await body.next() })
    }

    package func delete(_ key: BlobKey) async throws {
        let response = try await send(try S3Request.deleteObject(endpoint, key: prefix + key.shardedPath), body: nil)
        guard response.status == .noContent || response.status == .ok || response.status == .notFound else {
            throw await failure(response, key)
        }
    }

    /// Lists at most one object: proves the endpoint answers, the credentials sign and the bucket exists,
    /// without writing on every probe.
    package func check() async throws {
        let response = try await send(try S3Request.listObjectsV2(endpoint, prefix: prefix, maxKeys: 1), body: nil)
        guard response.status == .ok else { throw await failure(response, nil) }
        _ = try await response.body.collect(upTo: S3XML.maxDocumentSize)
    }

    // MARK: Transport

    func send(_ request: S3Request, body: ByteBuffer?) async throws -> HTTPClientResponse {
        let signed = signer.sign(request, date: Date())
        var outgoing = HTTPClientRequest(url: signed.url.absoluteString)
        outgoing.method = HTTPMethod(rawValue: signed.method)
        for (name, value) in signed.headers { outgoing.headers.add(name: name, value: value) }
        if let body {
            outgoing.body = .bytes(body)
        } else if let data = signed.body {
            outgoing.body = .bytes(ByteBuffer(data: data))
        }
        do {
            return try await client.execute(outgoing, timeout: timeout)
        } catch {
            throw BlobStoreError.backend("S3 \(signed.method) failed: \(error)")
        }
    }

    /// Reads a small answer's body (XML); refuses anything larger than an S3 document can be.
    func bodyData(_ response: HTTPClientResponse) async throws -> Data {
        Data(buffer: try await response.body.collect(upTo: S3XML.maxDocumentSize))
    }

    func expect(_ response: HTTPClientResponse, _ statuses: Set<HTTPResponseStatus>, _ key: BlobKey?) async throws {
        guard statuses.contains(response.status) else { throw await failure(response, key) }
        _ = try await response.body.collect(upTo: S3XML.maxDocumentSize)
    }

    /// The error an unexpected answer means: a missing object, or S3's error code (never its message, which can
    /// echo request details).
    func failure(_ response: HTTPClientResponse, _ key: BlobKey?) async -> BlobStoreError {
        let data = (try? await bodyData(response)) ?? Data()
        let error = try? S3XML.errorResponse(from: data)
        if response.status == .notFound, let key, error?.code != "NoSuchBucket" { return .notFound(key) }
        if let error { return .backend("S3 answered \(response.status.code): \(error.code)") }
        return .backend("S3 answered \(response.status.code)")
    }

    /// The body of a streamed answer; only the stream's own (serial) unfolding calls it.
    private final class ResponseBody: @unchecked Sendable {
        private var iterator: HTTPClientResponse.Body.AsyncIterator
        init(_ iterator: HTTPClientResponse.Body.AsyncIterator) { self.iterator = iterator }
        func next() async throws -> ByteBuffer? { try await iterator.next() }
    }
}

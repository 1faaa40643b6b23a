import Foundation
import NIOCore
import NIOFoundationCompat
import S3Client

extension S3BlobBackend {
    /// One multipart upload in progress: its id and the parts sent so far.
    struct MultipartUpload {
        let name: String
        let uploadID: String
        private(set) var parts: [S3CompletedPart] = []

        static func start(_ name: String, backend: S3BlobBackend) async throws -> MultipartUpload {
            let response = try await backend.send(
                try S3Request.createMultipartUpload(backend.endpoint, key: name), body: nil)
            guard response.status == .ok else { throw await backend.failure(response, nil) }
            let result = try S3XML.initiateMultipartUploadResult(from: try await backend.bodyData(response))
            return MultipartUpload(name: name, uploadID: result.uploadID)
        }

        mutating func send(_ part: ByteBuffer, backend: S3BlobBackend) async throws {
            let number = parts.count + 1
            let request = try S3Request.uploadPart(
                backend.endpoint, key: name, uploadID: uploadID, partNumber: number, body: Data(buffer: part))
            let response = try await backend.send(request, body: part)
            guard response.status == .ok, let eTag = response.headers.first(name: "ETag") else {
                throw await backend.failure(response, nil)
            }
            _ = try await backend.bodyData(response)
            parts.append(S3CompletedPart(partNumber: number, eTag: eTag))
        }

        func complete(backend: S3BlobBackend) async throws {
            let response = try await backend.send(
                try S3Request.completeMultipartUpload(backend.endpoint, key: name, uploadID: uploadID, parts: parts),
                body: nil)
            // S3 may answer 200 with an error document when completion fails late.
            let data = try await backend.bodyData(response)
            guard response.status == .ok, (try? S3XML.errorResponse(from: data)) == nil else {
                throw BlobStoreError.backend("S3 could not complete the multipart upload (\(response.status.code))")
            }
        }

        /// Best effort: a failed abort leaves parts that the bucket's lifecycle rule for incomplete uploads removes.
        func abort(backend: S3BlobBackend) async {
            if let response = try? await backend.send(
                try S3Request.abortMultipartUpload(backend.endpoint, key: name, uploadID: uploadID), body: nil)
            {
                _ = try? await backend.bodyData(response)
            }
        }
    }
}

import Fluent
import Foundation
import ParleyCore
import Vapor

/// Serving a file behind a verified link: found through the narrow lookup, read inside its workspace's context,
/// decrypted as it streams, with headers that keep a browser from running or sniffing it.
enum FileDownloads {
    /// The file, if it exists in that live workspace. Another workspace's file id finds nothing, even with a
    /// signature that is valid for it elsewhere.
    static func file(workspaceID: UUID, fileID: UUID, _ env: FilesEnvironment) async throws -> StoredFile {
        let owner = try await FileLookups.fileWorkspace.run(on: env.db, [fileID]).first?.decode(
            column: "workspace_id", as: UUID.self)
        guard owner == workspaceID else { throw TenancyError.notFound("file") }
        let context = TenantContext.system(in: workspaceID, plan: .unchecked)
        return try await context.run(on: env.db) { tenant in try await FileLibrary.find(fileID, tenant) }
    }

    static func response(
        for file: StoredFile, disposition requested: DownloadDisposition, range header: String?, _ env: FilesEnvironment
    ) async throws -> Response {
        let size = Int(file.size)
        var headers = HTTPHeaders()
        headers.add(name: .contentType, value: file.contentType)
        headers.add(
            name: .contentDisposition,
            value: FileName.contentDisposition(
                DownloadDisposition.allowed(requested, for: file.contentType), name: file.displayName))
        headers.add(name: "X-Content-Type-Options", value: "nosniff")
        // `frame-ancestors 'none'`: a stored file is never framed by another site (a download link pasted into an
        // attacker's page must not render inside it); `sandbox` keeps any active content inert.
        headers.add(name: .contentSecurityPolicy, value: "default-src 'none'; sandbox; frame-ancestors 'none'")
        headers.add(name: "X-Frame-Options", value: "DENY")
        headers.add(name: .cacheControl, value: "private, no-store")
        headers.add(name: .acceptRanges, value: "bytes")
        headers.add(name: .eTag, value: "\"\(file.sha256)\"")

        let range: Range<Int>
        let status: HTTPResponseStatus
        switch ByteRange.parse(header, size: size) {
        case .whole:
            (range, status) = (0..<size, .ok)
        case .partial(let wanted):
            (range, status) = (wanted, .partialContent)
            headers.add(name: .contentRange, value: "bytes \(wanted.lowerBound)-\(wanted.upperBound - 1)/\(size)")
        case .unsatisfiable:
            headers.replaceOrAdd(name: .contentRange, value: "bytes */\(size)")
            return Response(status: .rangeNotSatisfiable, headers: headers)
        }
        let stream = try await env.blobs.open(try file.sealedObject, context: file.blobContext, range: range)
        let logger = env.logger
        let body = Response.Body(
            managedAsyncStream: { writer in
                do {
                    for try await chunk in stream { try await writer.writeBuffer(chunk) }
                } catch {
                    // Headers are gone already: the connection is cut, and the failure logged (never the key or content).
                    logger.error(
                        "a stored file failed while streaming",
                        metadata: ["file": "\(file.id?.uuidString ?? "?")", "error": "\(error)"])
                    throw error
                }
            }, count: range.count)
        return Response(status: status, headers: headers, body: body)
    }
}

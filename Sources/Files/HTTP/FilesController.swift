import Foundation
import ParleyCore
import Vapor
import Workspaces

/// `/api/v1/files`: upload (streamed), list, describe, delete, and sign a download link.
enum FilesController {
    static func register(_ routes: any RoutesBuilder) {
        let files = routes.grouped("api", "v1").tenantRoutes().grouped("files")
        files.on(.POST, body: .stream, use: upload)
        files.get(use: list)
        files.get(":id", use: show)
        files.delete(":id", use: delete)
        files.post(":id", "link", use: link)
    }

    @Sendable static func upload(_ request: Request) async throws -> Response {
        let context = try request.tenant(.uploadFiles)
        let purpose = try FileRequests.purpose(request.query[String.self, at: "purpose"]) ?? .attachment
        guard let declared = request.headers.first(name: .contentType) else { throw FilesError.contentTypeMissing }
        let length = request.headers.first(name: .contentLength).flatMap { Int($0) }
        // A request without a body has nothing to stream (and Vapor has no body stream to give).
        let chunked = request.headers[.transferEncoding].contains { $0.lowercased().contains("chunked") }
        guard length.map({ $0 > 0 }) ?? chunked else { throw FilesError.refused(.empty) }
        let upload = FileUploads.Upload(
            purpose: purpose, name: FileName.sanitized(request.query[String.self, at: "name"]),
            declaredType: declared, declaredLength: length)
        let file = try await FileUploads.store(request.body, upload, context: context, try FilesEnvironment(request))
        return try await FileResponses.File(file).encodeResponse(status: .created, for: request)
    }

    @Sendable static func list(_ request: Request) async throws -> FileResponses.Files {
        let context = try request.tenant(.readFiles)
        let purpose = try FileRequests.purpose(request.query[String.self, at: "purpose"])
        let limit = try FileRequests.limit(request.query[String.self, at: "limit"])
        let files = try await context.run(on: request.db) { tenant in
            try await FileLibrary.list(purpose: purpose, limit: limit, tenant)
        }
        return FileResponses.Files(files: try files.map(FileResponses.File.init))
    }

    @Sendable static func show(_ request: Request) async throws -> FileResponses.File {
        let context = try request.tenant(.readFiles)
        let id = try FileRequests.id(request)
        return try FileResponses.File(
            try await context.run(on: request.db) { tenant in try await FileLibrary.find(id, tenant) })
    }

    @Sendable static func delete(_ request: Request) async throws -> HTTPStatus {
        let context = try request.tenant(.deleteFiles)
        try await FileLibrary.delete(try FileRequests.id(request), context: context, try FilesEnvironment(request))
        return .noContent
    }

    /// A signed link that works without signing in, for `PARLEY_DOWNLOAD_LINK_SECONDS` (5 minutes by default).
    @Sendable static func link(_ request: Request) async throws -> Response {
        let context = try request.tenant(.readFiles)
        let id = try FileRequests.id(request)
        let requested =
            request.body.data == nil ? nil : try request.content.decode(FileRequests.CreateLink.self).disposition
        let env = try FilesEnvironment(request)
        let file = try await context.run(on: request.db) { tenant in try await FileLibrary.find(id, tenant) }
        let disposition = DownloadDisposition.allowed(requested, for: file.contentType)
        if requested == .inline, disposition != .inline { throw FilesError.inlineNotAllowed }
        let link = env.links.link(workspaceID: context.workspaceID, fileID: id, disposition: disposition, now: env.now)
        let response = try await FileResponses.Link(url: link.url, expiresAt: link.expiresAt).encodeResponse(
            status: .created, for: request)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

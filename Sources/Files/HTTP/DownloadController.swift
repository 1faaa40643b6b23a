import Foundation
import ParleyCore
import Vapor

/// `GET /files/<workspace>/<file>?expires=…&disposition=…&signature=…`: the only way a stored file leaves Parley.
/// Public (the signature is the credential) and rate-limited per client address.
enum DownloadController {
    static func register(_ routes: any RoutesBuilder) {
        routes.tiered(.public).get("files", ":workspace", ":file", use: download)
    }

    struct LinkQuery: Content {
        var expires: Int
        var disposition: DownloadDisposition
        var signature: String
    }

    @Sendable static func download(_ request: Request) async throws -> Response {
        guard let workspaceID = request.parameters.get("workspace", as: UUID.self),
            let fileID = request.parameters.get("file", as: UUID.self),
            let query = try? request.query.decode(LinkQuery.self)
        else { throw FilesError.linkInvalid }
        let env = try FilesEnvironment(request)
        guard
            env.links.verify(
                workspaceID: workspaceID, fileID: fileID, expires: query.expires, disposition: query.disposition,
                signature: query.signature, now: env.now)
        else { throw FilesError.linkInvalid }
        let file = try await FileDownloads.file(workspaceID: workspaceID, fileID: fileID, env)
        return try await FileDownloads.response(
            for: file, disposition: query.disposition, range: request.headers.first(name: .range), env)
    }
}

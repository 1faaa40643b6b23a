import Accounts
import Foundation
import ParleyCore
import Vapor
import Workspaces

/// Where the Files page, its forms and the upload endpoint its script sends to are.
enum FilesPaths {
    static let page = "/app/files"
    static let api = "/api/v1/files"
    static func download(_ id: UUID) -> String { "/app/files/\(id.uuidString)/download" }
    static func delete(_ id: UUID) -> String { "/app/files/\(id.uuidString)/delete" }
}

extension DashboardFlash {
    static let fileDeleted = DashboardFlash("file_deleted", "The file is deleted.")
}

/// `/app/files`: the workspace's files. Uploads go to `POST /api/v1/files` from the page's script (the body is
/// streamed and inspected there); downloading signs a short-lived link (`DownloadLinks`) and redirects to it;
/// deleting runs `FileLibrary.delete`. The same permissions as the API apply.
enum FilesPageController {
    static func register(_ app: Application, _ routes: any RoutesBuilder) {
        app.dashboardNav.append(DashboardNavEntry("Files", path: FilesPaths.page, permission: .readFiles))
        app.dashboardFlashes.append(.fileDeleted)
        let files = DashboardController.dashboardRoutes(routes).grouped("app", "files")
        files.get(use: page)
        files.post(":id", "download", use: download)
        files.post(":id", "delete", use: delete)
    }

    @Sendable static func page(_ request: Request) async throws -> Response {
        let context = try request.tenant(.readFiles)
        let files = try await context.run(on: request.db) { tenant in
            try await FileLibrary.list(purpose: nil, limit: 200, tenant)
        }
        func may(_ permission: Permission) -> Bool { (try? context.authorize(permission)) != nil }
        let page = FilesPage(
            files: try files.map(FileResponses.File.init), mayUpload: may(.uploadFiles), mayDelete: may(.deleteFiles),
            planUploadMB: context.plan.limit(.uploadMB), csrf: request.csrfFormField())
        return try DashboardLayout.render(
            request, title: "Files", path: FilesPaths.page, scripts: ["files.js"], page.content)
    }

    /// A 303 to a signed link that saves the file (never shown inline from here).
    @Sendable static func download(_ request: Request) async throws -> Response {
        let context = try request.tenant(.readFiles)
        let id = try FileRequests.id(request)
        let env = try FilesEnvironment(request)
        _ = try await context.run(on: request.db) { tenant in try await FileLibrary.find(id, tenant) }
        let link = env.links.link(workspaceID: context.workspaceID, fileID: id, disposition: .attachment, now: env.now)
        let response = request.redirect(to: link.url, redirectType: .normal)
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }

    @Sendable static func delete(_ request: Request) async throws -> Response {
        let context = try request.tenant(.deleteFiles)
        try await FileLibrary.delete(try FileRequests.id(request), context: context, try FilesEnvironment(request))
        return DashboardFlash.fileDeleted.redirect(request, to: FilesPaths.page)
    }
}

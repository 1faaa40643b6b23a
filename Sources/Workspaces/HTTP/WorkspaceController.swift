import Accounts
import Foundation
import ParleyCore
import Vapor

/// `/api/v1/workspaces` (the signed-in person's workspaces) and `/api/v1/workspace` (the current one).
enum WorkspaceController {
    static func register(_ routes: any RoutesBuilder) {
        let api = routes.grouped("api", "v1")
        let personal = api.grouped(Authenticate(required: true)).tiered(.api)
        personal.get("workspaces", use: list)
        personal.post("workspaces", use: create)
        personal.post("workspaces", ":id", "select", use: select)
        api.grouped(Authenticate(required: true)).tiered(.auth).post("invitations", "accept", use: acceptInvitation)

        let tenant = api.tenantRoutes().grouped("workspace")
        tenant.get(use: show)
        tenant.patch(use: update)
        tenant.delete(use: delete)
        tenant.get("usage", use: usage)
        tenant.get("export", use: export)
    }

    @Sendable static func list(_ request: Request) async throws -> WorkspaceResponses.WorkspaceList {
        WorkspaceResponses.WorkspaceList(
            try await WorkspaceDirectory.memberships(of: try request.requirePrincipal().userID, on: request.db))
    }

    @Sendable static func create(_ request: Request) async throws -> Response {
        let name = try request.content.decode(WorkspaceRequests.CreateWorkspace.self).validated()
        let env = try WorkspacesEnvironment(request)
        let context = try await WorkspaceLifecycle.createOwn(
            name: name, ownerID: try request.requirePrincipal().userID,
            limit: request.application.settings.workspacesPerAccount, env)
        let info = try await context.run(on: request.db) { tenant in
            try WorkspaceResponses.WorkspaceInfo(try await tenant.workspace(), role: .owner, plan: context.plan)
        }
        return try await info.encodeResponse(status: .created, for: request)
    }

    @Sendable static func select(_ request: Request) async throws -> Response {
        let userID = try request.requirePrincipal().userID
        let id = try WorkspaceRequests.id(request, "id", "workspace")
        try await WorkspaceLifecycle.select(id, userID: userID, try WorkspacesEnvironment(request))
        return Response(status: .noContent)
    }

    @Sendable static func acceptInvitation(_ request: Request) async throws -> WorkspaceResponses.Joined {
        let token = try request.content.decode(WorkspaceRequests.AcceptInvitation.self).token
        let principal = try request.requirePrincipal()
        guard let account = try await AccountDirectory.account(principal.userID, on: request.db) else {
            throw TenancyError.noWorkspace
        }
        let context = try await Invitations.accept(
            token: token, userID: account.id, email: account.email, try WorkspacesEnvironment(request))
        return WorkspaceResponses.Joined(workspaceID: context.workspaceID, role: context.role ?? .member)
    }

    @Sendable static func show(_ request: Request) async throws -> WorkspaceResponses.WorkspaceInfo {
        let context = try request.tenant(.readWorkspace)
        return try await context.run(on: request.db) { tenant in
            try WorkspaceResponses.WorkspaceInfo(try await tenant.workspace(), role: context.role, plan: context.plan)
        }
    }

    @Sendable static func update(_ request: Request) async throws -> WorkspaceResponses.WorkspaceInfo {
        let context = try request.tenant(.updateWorkspace)
        let change = try request.content.decode(WorkspaceRequests.UpdateWorkspace.self).validated()
        let env = try WorkspacesEnvironment(request)
        let hasTwoFactor = try await WorkspaceSettings.actorHasTwoFactor(context, on: request.db)
        return try await context.run(on: request.db) { tenant in
            try WorkspaceResponses.WorkspaceInfo(
                try await WorkspaceSettings.update(change, actorHasTwoFactor: hasTwoFactor, tenant, env),
                role: context.role, plan: context.plan)
        }
    }

    @Sendable static func delete(_ request: Request) async throws -> WorkspaceResponses.Deleted {
        let context = try request.tenant(.deleteWorkspace)
        let env = try WorkspacesEnvironment(request)
        try await context.run(on: request.db) { tenant in try await WorkspaceLifecycle.delete(tenant, env) }
        let grace = TimeInterval(request.application.settings.retention.workspacePurgeDays) * 86_400
        return WorkspaceResponses.Deleted(purgeAfter: env.now.addingTimeInterval(grace))
    }

    @Sendable static func usage(_ request: Request) async throws -> WorkspaceResponses.Usage {
        let context = try request.tenant(.readUsage)
        let meters = request.application.usageMeters
        let now = request.application.clock.now()
        let counters = try await context.run(on: request.db) { tenant in
            try await WorkspaceUsage.report(meters, tenant, now: now).map(\.counter)
        }
        return WorkspaceResponses.Usage(plan: .init(context.plan), counters: counters)
    }

    @Sendable static func export(_ request: Request) async throws -> Response {
        let context = try request.tenant(.exportWorkspace)
        let includeFiles = try WorkspaceRequests.includeFiles(request.query[String.self, at: "files"])
        let exporters = request.application.workspaceExporters
        let sources = includeFiles ? request.application.workspaceAttachmentSources : []
        let env = try WorkspacesEnvironment(request)
        let contents = try await context.run(on: request.db) { tenant in
            try await WorkspaceExport.gather(exporters, attachments: sources, tenant, env)
        }
        let day = ISO8601DateFormatter.string(from: env.now, timeZone: .gmt, formatOptions: [.withFullDate])
        var headers: HTTPHeaders = ["Content-Type": "application/zip", "Cache-Control": "no-store"]
        headers.replaceOrAdd(
            name: .contentDisposition, value: "attachment; filename=\"parley-\(contents.slug)-\(day).zip\"")
        let logger = request.logger
        let body = Response.Body(managedAsyncStream: { writer in
            do {
                try await WorkspaceExport.stream(contents, modified: env.now, to: writer)
            } catch {
                // The headers are sent: the connection is cut, and the failure logged.
                logger.error("a workspace export failed while streaming", metadata: ["error": "\(error)"])
                throw error
            }
        })
        return Response(status: .ok, headers: headers, body: body)
    }
}

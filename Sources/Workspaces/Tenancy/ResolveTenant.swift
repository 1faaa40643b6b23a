import Accounts
import Foundation
import ParleyCore
import Vapor

/// Resolves the request's `TenantContext` once, before any handler of a tenant route runs.
///
/// A workspace API key (`Authorization: Bearer parley_sk_…`) acts as its workspace with its scopes. A signed-in
/// person acts in the workspace named by the `X-Parley-Workspace` header, or else in the one they selected last;
/// a workspace they are not a member of is not found. A workspace that requires 2FA turns away members without it,
/// and one whose plan lacks `external_sign_in` turns away sessions that began with an external provider.
struct ResolveTenant: AsyncMiddleware {
    static let workspaceHeader = "X-Parley-Workspace"

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        request.tenantContext = try await Self.resolve(request)
        return try await next.respond(to: request)
    }

    static func resolve(_ request: Request) async throws -> TenantContext {
        if let bearer = Authenticate.bearerToken(request.headers), APIKeyFormat.isAPIKey(bearer) {
            let context = try await APIKeys.authenticate(bearer, try WorkspacesEnvironment(request))
            request.application.knownAPIKeys.remember(APIKeyFormat.hash(bearer), now: request.application.clock.now())
            return context
        }
        let principal = try request.requirePrincipal()
        let memberships = try await WorkspaceDirectory.memberships(of: principal.userID, on: request.db)
        return try await member(request, userID: principal.userID, memberships: memberships)
    }

    /// The context of a signed-in person among their `memberships` (as `WorkspaceDirectory` lists them).
    static func member(_ request: Request, userID: UUID, memberships: [WorkspaceMembership]) async throws
        -> TenantContext
    {
        let chosen: WorkspaceMembership?
        if let header = request.headers.first(name: workspaceHeader) {
            chosen = UUID(uuidString: header).flatMap { id in memberships.first { $0.workspaceID == id } }
        } else {
            chosen = memberships.first
        }
        guard let chosen else { throw TenancyError.noWorkspace }
        if chosen.requireTwoFactor, !chosen.userHasTwoFactor { throw TenancyError.twoFactorRequired }
        // Checked only for plans without the feature; a session's answer is remembered after its first request.
        if !chosen.plan.features.contains(.externalSignIn), try await request.signedInExternally() {
            throw TenancyError.featureNotInPlan(.externalSignIn, plan: chosen.plan.name)
        }
        return TenantContext.member(userID, role: chosen.role, in: chosen.workspaceID, plan: chosen.plan)
    }
}

extension RoutesBuilder {
    /// Routes of the current workspace: signed in (or an API key), tenant resolved, in the API tier (counted per
    /// API key that authenticated recently, otherwise per client address).
    package func tenantRoutes() -> any RoutesBuilder {
        tiered(
            .api,
            key: .apiKey { request in
                guard let bearer = Authenticate.bearerToken(request.headers), APIKeyFormat.isAPIKey(bearer) else {
                    return nil
                }
                let hash = APIKeyFormat.hash(bearer)
                return request.application.knownAPIKeys.contains(hash, now: request.application.clock.now())
                    ? hash : nil
            }
        ).grouped(Authenticate()).grouped(ResolveTenant())
    }
}

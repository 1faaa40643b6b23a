import Accounts
import Fluent
import Foundation
import ParleyCore
import Vapor

/// A throwaway Business workspace with a guest Owner, for benchmark commands in other modules; erased afterwards.
package struct BenchWorkspace: Sendable {
    package let context: TenantContext
    /// The guest account that owns it.
    package let ownerID: UUID
    private let env: WorkspacesEnvironment

    package static func create(_ app: Application) async throws -> BenchWorkspace {
        let env = try WorkspacesEnvironment(app, db: app.db, logger: app.logger)
        let guest = try await GuestAccounts.create(displayName: "Benchmark", on: app.db, now: env.now)
        let context = try await WorkspaceLifecycle.create(
            name: "Benchmark", ownerID: guest, isDemo: true, planID: PlanCatalog.businessPlanID, env)
        return BenchWorkspace(context: context, ownerID: guest, env: env)
    }

    package func erase() async throws {
        try await WorkspacePurge.purge(context.workspaceID, env)
        try await GuestAccounts.erase([ownerID], on: env.db)
    }
}

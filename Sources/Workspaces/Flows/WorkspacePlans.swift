import Fluent
import Foundation
import ParleyCore

/// Moving a workspace between plans (an operator's action).
enum WorkspacePlans {
    static func set(_ reference: String, planID: String, _ env: WorkspacesEnvironment) async throws -> Plan {
        guard let plan = try await PlanRow.find(planID, on: env.db)?.plan else {
            throw WorkspacesError.unknownPlan(planID)
        }
        let workspaceID: UUID
        if let id = UUID(uuidString: reference) {
            workspaceID = id
        } else if let row = try await NarrowLookups.workspaceBySlug.run(on: env.db, [reference]).first {
            workspaceID = try row.decode(column: "id", as: UUID.self)
        } else {
            throw TenancyError.noWorkspace
        }
        let context = TenantContext.system(in: workspaceID, plan: plan)
        try await context.run(on: env.db) { tenant in
            let workspace = try await tenant.workspace()
            let previous = workspace.planID
            workspace.planID = plan.id
            workspace.updatedAt = env.now
            try await tenant.updateWorkspaceRecord(workspace)
            try await env.record(
                "workspace.plan_changed", by: .system, in: tenant, target: ("workspace", workspaceID.uuidString),
                metadata: ["from": previous, "to": plan.id])
        }
        return plan
    }
}

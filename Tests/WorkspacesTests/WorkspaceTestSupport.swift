import Fluent
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
import Vapor
@testable import Workspaces

/// Moves a workspace to another plan as an operator would.
func setPlan(_ app: Application, _ workspaceID: UUID, _ plan: String) async throws {
    _ = try await WorkspacePlans.set(
        workspaceID.uuidString, planID: plan, try WorkspacesEnvironment(app, db: app.db, logger: app.logger))
}

import Fluent
import ParleyCore

/// 0016: the lookup that finds expired demo workspaces.
struct CreateDemoLookup: AsyncMigration {
    var name: String { "0016_create_demo_lookup" }

    func prepare(on db: any Database) async throws {
        try await NarrowLookups.demoWorkspacesCreatedBefore.create(on: db)
    }

    func revert(on db: any Database) async throws {
        try await NarrowLookups.demoWorkspacesCreatedBefore.drop(on: db)
    }
}

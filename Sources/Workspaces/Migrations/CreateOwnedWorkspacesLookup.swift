import Fluent
import ParleyCore

/// 0021: the lookup that counts the workspaces a person owns, for the limit on creating them.
struct CreateOwnedWorkspacesLookup: AsyncMigration {
    var name: String { "0021_create_owned_workspaces_lookup" }

    func prepare(on db: any Database) async throws {
        try await NarrowLookups.ownedWorkspacesOfUser.create(on: db)
    }

    func revert(on db: any Database) async throws {
        try await NarrowLookups.ownedWorkspacesOfUser.drop(on: db)
    }
}

import Fluent
import Foundation

/// A model whose rows belong to one workspace. Its table has a `workspace_id` column, row-level security on
/// PostgreSQL (`Database.isolateTenantTable`), and is only queried through a `TenantDatabase`.
package protocol TenantModel: Model where IDValue == UUID {
    /// The `workspace_id` field, e.g. `\.$workspaceID`.
    static var workspaceIDField: KeyPath<Self, FieldProperty<Self, UUID>> { get }
}

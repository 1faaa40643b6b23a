/// A table that holds workspace data, declared by the module that owns it (`ParleyModule.tenantTables`). Each has
/// row-level security on PostgreSQL, and says what a workspace export and a workspace purge do with its rows; the
/// module contract test holds every declaration to what the database and the module really do.
package struct TenantTable: Sendable, Equatable {
    package enum Export: Sendable, Equatable {
        /// Written to this file of the workspace export by the module's exporter.
        case file(String)
        /// Left out of the export, and why.
        case excluded(because: String)
    }

    package enum Purge: Sendable, Equatable {
        /// Deleted by the owning module's part of the purge (it may also remove stored objects).
        case deleted
        /// Deleted with the workspace row: its tenant column references `workspaces` with ON DELETE CASCADE.
        case cascades
        /// Kept after the workspace is purged, and why.
        case kept(because: String)
    }

    package var name: String
    /// The column holding the workspace's id.
    package var column: String
    package var export: Export
    package var purge: Purge

    package init(_ name: String, column: String = "workspace_id", export: Export, purge: Purge) {
        self.name = name
        self.column = column
        self.export = export
        self.purge = purge
    }
}

/// A table that carries a workspace id without holding the workspace's data, so it is not a tenant table: no
/// row-level security, not exported or purged. Declared with the reason (`ParleyModule.untenantedTables`).
package struct UntenantedTable: Sendable, Equatable {
    package var name: String
    package var reason: String

    package init(_ name: String, because reason: String) {
        self.name = name
        self.reason = reason
    }
}

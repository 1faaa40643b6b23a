import Fluent
import Foundation
import Logging
import SMTPClient
import SQLKit

/// The only way to reach tenant tables: a database handle bound to one workspace.
///
/// On PostgreSQL it is a short transaction in which `app.workspace_id` is set (`set_config(…, true)`), so the
/// row-level security policies hide every other workspace's rows even from a query that forgot its filter. On
/// both databases its query helpers add the `workspace_id` filter themselves, and `create` stamps it.
package struct TenantDatabase: Sendable {
    package let context: TenantContext
    /// The transaction, bound to the workspace. Sealed: other modules reach tenant tables through the helpers
    /// below, which add the workspace filter themselves (tests reach it with `@testable import`).
    let db: any Database

    package var workspaceID: UUID { context.workspaceID }

    init(context: TenantContext, db: any Database) {
        self.context = context
        self.db = db
    }

    /// A handle over one connection whose session the caller has already bound to the workspace with
    /// `set_config('app.workspace_id', …, false)`. Only `parley workspaces bench-rls` uses it, to time the same
    /// read without the transaction `run` wraps around it; everything else goes through `run`.
    package static func sessionBound(_ context: TenantContext, connection: any Database) -> TenantDatabase {
        TenantDatabase(context: context, db: connection)
    }

    /// Locks the workspace's row until the transaction ends, so writers that check a limit and then write (seats,
    /// storage) take turns instead of both passing the check. Call it first in the transaction. On SQLite a no-op
    /// write takes the database's write lock up front: a transaction that read first and wrote later would fail
    /// with `SQLITE_BUSY` when another writer got in between, rather than wait its turn.
    package func lockWorkspace() async throws {
        let sql = try self.sql
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM workspaces WHERE id = \(bind: workspaceID) FOR UPDATE").run()
        } else {
            try await db.takeWriteLockOnSQLite()
        }
    }

    /// Rows of `model` in this workspace.
    package func query<M: TenantModel>(_ model: M.Type) -> QueryBuilder<M> {
        M.query(on: db).filter(M.workspaceIDField == context.workspaceID)
    }

    /// The row with `id` if it belongs to this workspace; another workspace's id finds nothing.
    package func find<M: TenantModel>(_ model: M.Type, _ id: UUID) async throws -> M? {
        try await query(model).filter(\._$id == id).first()
    }

    /// Like `find`, but a missing row is the 404 that names `what`.
    package func require<M: TenantModel>(_ model: M.Type, _ id: UUID, _ what: String) async throws -> M {
        guard let row = try await find(model, id) else { throw TenancyError.notFound(what) }
        return row
    }

    /// Inserts `row` into this workspace.
    package func create<M: TenantModel>(_ row: M) async throws {
        row[keyPath: M.workspaceIDField].value = context.workspaceID
        try await row.create(on: db)
    }

    /// Saves changes to a row found through this handle (its workspace cannot change).
    package func update<M: TenantModel>(_ row: M) async throws {
        guard row[keyPath: M.workspaceIDField].value == context.workspaceID else {
            throw TenancyError.notFound(M.schema)
        }
        try await row.update(on: db)
    }

    package func delete<M: TenantModel>(_ row: M) async throws {
        guard row[keyPath: M.workspaceIDField].value == context.workspaceID else {
            throw TenancyError.notFound(M.schema)
        }
        try await row.delete(on: db)
    }

    var sql: any SQLDatabase { get throws { try db.sqlDatabase } }

    /// Raw SQL scoped to this workspace (see `TenantSQL`); refused unless it names the workspace.
    package func raw(_ query: TenantSQL) throws -> SQLRawBuilder {
        guard query.isScoped else { throw UnscopedTenantQuery() }
        return try sql.raw(query.resolved(for: workspaceID))
    }

    /// Sets `column` to `now` on this workspace's row `id` of `model` if it is still NULL, atomically: true for
    /// the one caller that did it (`Database.claimOnce`, inside the workspace).
    package func claimOnce<M: TenantModel>(_ model: M.Type, id: UUID, column: String, now: Date) async throws -> Bool {
        let claimed = try await sql.update(M.schema).set(SQLIdentifier(column), to: now)
            .where("id", .equal, id).where("workspace_id", .equal, workspaceID).where(
                SQLIdentifier(column), .is, SQLLiteral.null
            )
            .returning("id").all()
        return claimed.count == 1
    }

    /// Runs a narrow lookup inside the workspace's transaction (one that must see past it, such as a slug's
    /// uniqueness across workspaces).
    package func lookup(_ lookup: NarrowLookup, _ binds: [any Encodable & Sendable]) async throws -> [any SQLRow] {
        try await lookup.run(on: db, binds)
    }

    /// Records an audit event in this workspace's transaction.
    @discardableResult
    package func record(_ entry: AuditEntry, logger: Logger, now: Date) async throws -> AuditEvent {
        try await AuditLog.record(entry, on: db, logger: logger, now: now)
    }

    /// Queues a mail in this workspace's transaction, so it is sent only if the change commits.
    package func enqueueMail(
        _ template: MailTemplate, to recipient: EmailAddress, from sender: EmailAddress, now: Date,
        messageIDDomain: String
    ) async throws {
        _ = try await Mailer.enqueue(
            template, to: recipient, from: sender, workspaceID: workspaceID, on: db, now: now,
            messageIDDomain: messageIDDomain)
    }

    /// The workspace's own row (the `workspaces` table, whose id is the workspace's), for its module to create,
    /// change or remove.
    package func createWorkspaceRecord<M: Model>(_ row: M) async throws where M.IDValue == UUID {
        guard row.id == workspaceID else { throw TenancyError.notFound(M.schema) }
        try await row.create(on: db)
    }

    package func updateWorkspaceRecord<M: Model>(_ row: M) async throws where M.IDValue == UUID {
        guard row.id == workspaceID else { throw TenancyError.notFound(M.schema) }
        try await row.update(on: db)
    }

    package func deleteWorkspaceRecord<M: Model>(_ model: M.Type) async throws where M.IDValue == UUID {
        try await M.query(on: db).filter(\._$id == workspaceID).delete()
    }

    package func findWorkspaceRecord<M: Model>(_ model: M.Type) async throws -> M? where M.IDValue == UUID {
        try await M.find(workspaceID, on: db)
    }
}

extension TenantContext {
    /// Runs `body` bound to this workspace. Keep it short: on PostgreSQL it holds a transaction, so never stream a
    /// response from inside it.
    package func run<T: Sendable>(on db: any Database, _ body: @escaping @Sendable (TenantDatabase) async throws -> T)
        async throws -> T
    {
        let context = self
        return try await db.transaction { tx in
            try await tx.bindWorkspace(context.workspaceID)
            return try await body(TenantDatabase(context: context, db: tx))
        }
    }
}

extension Database {
    /// Sets `app.workspace_id` for the rest of the current transaction (PostgreSQL; SQLite has no policies).
    package func bindWorkspace(_ id: UUID) async throws {
        let sql = try sqlDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw("SELECT set_config('app.workspace_id', \(bind: id.uuidString), true)").run()
    }
}

import Foundation
import SQLKit

/// Raw SQL for a tenant table, run with `TenantDatabase.raw`. The workspace never appears as a value the caller
/// binds: `\(scope: "files")` stands for `"files"."workspace_id" = <this workspace>` and `\(.thisWorkspace)` for the
/// workspace's id (in an `INSERT`'s values); both take the id from the handle the query runs on. A query with
/// neither is refused before it runs, so a forgotten filter cannot reach the database, SQLite included.
///
///     try await tenant.raw("SELECT count(*) AS n FROM files WHERE \(scope: "files") AND purpose = \(bind: purpose)")
package struct TenantSQL: ExpressibleByStringInterpolation, Sendable {
    enum Part: Sendable {
        case literal(String)
        case bind(any Encodable & Sendable)
        case ident(String)
        case scope(table: String, column: String)
        case workspace
    }

    var parts: [Part]

    package init(stringLiteral value: String) { parts = [.literal(value)] }
    package init(stringInterpolation: StringInterpolation) { parts = stringInterpolation.parts }

    package struct StringInterpolation: StringInterpolationProtocol {
        var parts: [Part] = []

        package init(literalCapacity: Int, interpolationCount: Int) {}
        package mutating func appendLiteral(_ literal: String) { parts.append(.literal(literal)) }
        package mutating func appendInterpolation(bind value: any Encodable & Sendable) { parts.append(.bind(value)) }
        package mutating func appendInterpolation(ident name: String) { parts.append(.ident(name)) }
        /// `table.column = <this workspace>`; `table` may be an alias.
        package mutating func appendInterpolation(scope table: String, column: String = "workspace_id") {
            parts.append(.scope(table: table, column: column))
        }
        /// This workspace's id, as a bound value: `\(.thisWorkspace)`.
        package mutating func appendInterpolation(_ placeholder: Placeholder) { parts.append(.workspace) }
    }

    package enum Placeholder: Sendable { case thisWorkspace }

    var isScoped: Bool {
        parts.contains { part in
            switch part {
            case .scope, .workspace: true
            default: false
            }
        }
    }

    /// The query with the workspace filled in.
    func resolved(for workspaceID: UUID) -> SQLQueryString {
        var query = SQLQueryString("")
        for part in parts {
            switch part {
            case .literal(let text): query.appendLiteral(text)
            case .bind(let value): query.appendInterpolation(bind: value)
            case .ident(let name): query.appendInterpolation(ident: name)
            case .scope(let table, let column):
                query.appendInterpolation(ident: table)
                query.appendLiteral(".")
                query.appendInterpolation(ident: column)
                query.appendLiteral(" = ")
                query.appendInterpolation(bind: workspaceID)
            case .workspace: query.appendInterpolation(bind: workspaceID)
            }
        }
        return query
    }
}

/// A `TenantSQL` query that names no workspace: a programming error, refused before it reaches the database.
package struct UnscopedTenantQuery: Error, CustomStringConvertible {
    package var description: String { "a tenant query must contain \\(scope: table) or \\(.thisWorkspace)" }
}

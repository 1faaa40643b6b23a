import Fluent
import Foundation
import SQLKit

/// A query that must look across workspaces before a tenant context exists: a membership for a signed-in user,
/// an API key by its hash, an invitation by its token, a public link to its workspace. It returns only what
/// resolving the context needs, and nothing else may cross workspaces.
///
/// On PostgreSQL each lookup is a `SECURITY DEFINER` function owned by the migration role (so it reads past the
/// row-level security policies, and only what its body selects); the runtime role may only call it. On SQLite
/// the same body runs as a plain query. The body names its parameters `$1`, `$2`, … in both cases.
package struct NarrowLookup: Sendable {
    /// The function's name, `parley_…`.
    package var name: String
    /// Parameter types in order, e.g. `["uuid", "text"]`.
    package var parameterTypes: [String]
    /// The function's result, e.g. `TABLE (workspace_id uuid, role text)`.
    package var returns: String
    /// One `SELECT` whose columns match `returns`.
    package var body: String

    package init(name: String, parameterTypes: [String], returns: String, body: String) {
        self.name = name
        self.parameterTypes = parameterTypes
        self.returns = returns
        self.body = body
    }

    /// For the migration that introduces the lookup (and for one that changes its body).
    package func create(on db: any Database) async throws {
        let sql = try db.sqlDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            """
            CREATE OR REPLACE FUNCTION \(unsafeRaw: name)(\(unsafeRaw: parameterTypes.joined(separator: ", ")))
            RETURNS \(unsafeRaw: returns) LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public, pg_temp
            AS $lookup$ \(unsafeRaw: body) $lookup$
            """
        ).run()
        try await sql.raw(
            "REVOKE ALL ON FUNCTION \(unsafeRaw: name)(\(unsafeRaw: parameterTypes.joined(separator: ", "))) FROM PUBLIC"
        ).run()
    }

    package func drop(on db: any Database) async throws {
        let sql = try db.sqlDatabase
        guard sql.dialect.name == "postgresql" else { return }
        try await sql.raw(
            "DROP FUNCTION IF EXISTS \(unsafeRaw: name)(\(unsafeRaw: parameterTypes.joined(separator: ", ")))"
        ).run()
    }

    /// Runs the lookup with `binds` for `$1`, `$2`, ….
    package func run(on db: any Database, _ binds: [any Encodable & Sendable]) async throws -> [any SQLRow] {
        precondition(binds.count == parameterTypes.count, "\(name) takes \(parameterTypes.count) parameter(s)")
        let sql = try db.sqlDatabase
        var query = SQLQueryString("")
        if sql.dialect.name == "postgresql" {
            query.appendLiteral("SELECT * FROM \(name)(")
            for (index, bind) in binds.enumerated() {
                if index > 0 { query.appendLiteral(", ") }
                query.appendInterpolation(bind: bind)
                query.appendLiteral("::\(parameterTypes[index])")
            }
            query.appendLiteral(")")
        } else {
            for piece in Self.pieces(of: body) {
                switch piece {
                case .text(let text): query.appendLiteral(text)
                case .parameter(let number): query.appendInterpolation(bind: binds[number - 1])
                }
            }
        }
        return try await sql.raw(query).all()
    }

    enum Piece: Equatable { case text(String), parameter(Int) }

    /// The body split at its `$n` placeholders.
    static func pieces(of body: String) -> [Piece] {
        var pieces: [Piece] = []
        var text = ""
        var index = body.startIndex
        while index < body.endIndex {
            let character = body[index]
            let next = body.index(after: index)
            if character == "$", next < body.endIndex, body[next].isASCII, body[next].isNumber {
                var end = next
                while end < body.endIndex, body[end].isASCII, body[end].isNumber { end = body.index(after: end) }
                pieces.append(.text(text))
                text = ""
                pieces.append(.parameter(Int(body[next..<end])!))
                index = end
            } else {
                text.append(character)
                index = next
            }
        }
        pieces.append(.text(text))
        return pieces
    }
}

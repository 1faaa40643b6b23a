import Fluent
import Foundation
import ParleyCore
import SQLKit

/// Wrong passwords counted per account *and* client address (an IPv6 client by its /64), so a stranger who
/// keeps guessing locks out only themselves, never the owner signing in from elsewhere. The count is one
/// atomic upsert; the lock grows exponentially from the threshold.
enum SignInLockouts {
    static let table = "sign_in_lockouts"

    /// The client's key: its address, or the /64 of an IPv6 one (a host gets a whole /64).
    static func client(_ env: AccountsEnvironment) -> String {
        guard let ip = env.client.ip else { return "unknown" }
        guard let bytes = CIDR.parseAddress(ip), bytes.count == 16 else { return ip }
        return bytes.prefix(8).map { String(format: "%02x", $0) }.joined() + "/64"
    }

    static func lockedUntil(userID: UUID, _ env: AccountsEnvironment) async throws -> Date? {
        let row = try await env.db.sqlDatabase.select().column("locked_until").from(table)
            .where("user_id", .equal, userID).where("client", .equal, client(env)).first()
        guard let row, try !row.decodeNil(column: "locked_until") else { return nil }
        let until = try row.decode(column: "locked_until", as: Date.self)
        return until > env.now ? until : nil
    }

    /// Counts a wrong password; returns the new count and, at or over the threshold, how long it now locks.
    static func registerFailure(userID: UUID, _ env: AccountsEnvironment) async throws -> (
        failures: Int, lockSeconds: Double?
    ) {
        let sql = try env.db.sqlDatabase
        let key = client(env)
        let row = try await sql.raw(
            """
            INSERT INTO sign_in_lockouts (id, user_id, client, failures, updated_at) VALUES (\(bind: UUID()), \(bind: userID), \(bind: key), 1, \(bind: env.now))
            ON CONFLICT (user_id, client) DO UPDATE SET failures = sign_in_lockouts.failures + 1, updated_at = excluded.updated_at
            RETURNING failures
            """
        ).first()
        let failures = try row?.decode(column: "failures", as: Int.self) ?? 1
        let over = failures - env.settings.lockoutThreshold
        guard over >= 0 else { return (failures, nil) }
        let delay = min(
            Double(env.settings.lockoutBaseSeconds) * pow(2, Double(min(over, 20))),
            Double(env.settings.lockoutMaxSeconds))
        try await sql.update(table).set("locked_until", to: env.now + delay)
            .where("user_id", .equal, userID).where("client", .equal, key).where("failures", .equal, failures).run()
        return (failures, delay)
    }

    /// Forgets this client's failures (it signed in), or every client's (the password was reset).
    static func clear(userID: UUID, allClients: Bool = false, _ env: AccountsEnvironment) async throws {
        var query = try env.db.sqlDatabase.delete(from: table).where("user_id", .equal, userID)
        if !allClients { query = query.where("client", .equal, client(env)) }
        try await query.run()
    }
}

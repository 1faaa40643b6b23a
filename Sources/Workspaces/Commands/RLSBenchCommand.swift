import Accounts
import Fluent
import Foundation
import ParleyCore
import SQLKit
import Vapor

/// `parley workspaces bench-rls [--iterations N]` (PostgreSQL): the latency the tenant wrapper adds to a typical
/// tenant read. The read is the pending-invitations list of a workspace holding 20 invitations. "Wrapped" is how
/// the application runs it (`TenantContext.run`: a transaction that sets `app.workspace_id`); "bare" is the same
/// query on one connection whose session already has the setting, so the same policies apply without the
/// wrapper. The two alternate in batches, in one run, and a throwaway workspace is erased afterwards. An empty
/// statement (`SELECT 1`) on the same connection times one round trip, the unit the wrapper's three extra
/// statements (`BEGIN`, `set_config`, `COMMIT`) are paid in.
struct RLSBench: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "iterations", help: "Reads to time of each kind (default 4000).")
        var iterations: Int?
    }

    var help: String { "Time a tenant read with and without the row-level security wrapper (PostgreSQL)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard case .postgres = app.settings.database else {
            throw CommandFailure("bench-rls needs PARLEY_DATABASE_URL to point at PostgreSQL.")
        }
        try await app.prepareStorage()
        let iterations = min(max(signature.iterations ?? 4000, 100), 1_000_000)
        let bench = try await BenchWorkspace.create(app)
        let tenant = bench.context
        let guest = bench.ownerID
        let workspaceID = tenant.workspaceID
        let now = app.clock.now()
        try await tenant.run(on: app.db) { db in
            for index in 0..<20 {
                try await db.create(
                    Invitation(
                        email: "bench\(index)@example.com", role: .member, tokenHash: sha256Hex(UUID().uuidString),
                        invitedBy: guest, now: now, lifetime: Invitations.lifetime))
            }
        }
        let batch = 100
        var (bare, wrapped, empty) = try await app.db.withConnection { connection in
            var bare: [Double] = [], wrapped: [Double] = [], empty: [Double] = []
            try await connection.sqlDatabase.raw(
                "SELECT set_config('app.workspace_id', \(bind: workspaceID.uuidString), false)"
            ).run()
            let session = TenantDatabase.sessionBound(tenant, connection: connection)
            for _ in 0..<(iterations / batch) {
                for _ in 0..<batch {
                    let start = ContinuousClock.now
                    let rows = try await Invitations.pending(session, now: now)
                    bare.append((ContinuousClock.now - start).milliseconds)
                    guard rows.count == 20 else { throw CommandFailure("the bare read saw \(rows.count) rows, not 20") }
                }
                for _ in 0..<batch {
                    let start = ContinuousClock.now
                    let rows = try await tenant.run(on: app.db) { db in try await Invitations.pending(db, now: now) }
                    wrapped.append((ContinuousClock.now - start).milliseconds)
                    guard rows.count == 20 else {
                        throw CommandFailure("the wrapped read saw \(rows.count) rows, not 20")
                    }
                }
                for _ in 0..<batch {
                    let start = ContinuousClock.now
                    try await connection.sqlDatabase.raw("SELECT 1").run()
                    empty.append((ContinuousClock.now - start).milliseconds)
                }
            }
            try await connection.sqlDatabase.raw("SELECT set_config('app.workspace_id', '', false)").run()
            return (bare, wrapped, empty)
        }
        try await bench.erase()
        wrapped.sort()
        bare.sort()
        empty.sort()
        func percentile(_ samples: [Double], _ p: Double) -> Double {
            samples[min(samples.count - 1, Int(Double(samples.count) * p))]
        }
        let overhead = 100 * (percentile(wrapped, 0.5) - percentile(bare, 0.5)) / percentile(bare, 0.5)
        // Three round trips are the least the wrapper can add while each statement waits for the one before.
        let floor = 100 * 3 * percentile(empty, 0.5) / percentile(bare, 0.5)
        context.console.print(
            String(
                format:
                    "iterations=%d bare_p50_ms=%.3f bare_p90_ms=%.3f wrapped_p50_ms=%.3f wrapped_p90_ms=%.3f round_trip_p50_ms=%.3f overhead_p50=%.1f%% three_round_trips=%.1f%%",
                bare.count, percentile(bare, 0.5), percentile(bare, 0.9), percentile(wrapped, 0.5),
                percentile(wrapped, 0.9),
                percentile(empty, 0.5), overhead, floor))
    }
}

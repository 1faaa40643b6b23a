import Fluent
import Foundation
import NIOConcurrencyHelpers
import SQLKit

/// Per-user revocation of access tokens: sign-out everywhere, a password change or reset, and account deletion
/// set `users.tokens_revoked_at`, and a token issued at or before that second is refused on every route.
///
/// Each request checks it without a database hop: this process remembers each user's revocation time for
/// `freshness` seconds, then looks it up again. A revocation made by this process applies at once; one made by
/// another process applies here within `freshness` (instead of the token's ten-minute lifetime). The cost is one
/// primary-key lookup per active user per process every `freshness` seconds.
final class TokenRevocations: Sendable {
    static let freshness: TimeInterval = 10

    enum Answer { case valid, revoked, unknown }

    private struct Known { var revokedSecond: Int64?; var checkedAt: Date }
    private let known = NIOLockedValueBox<[UUID: Known]>([:])
    private let capacity: Int

    init(capacity: Int = 100_000) {
        self.capacity = capacity
    }

    /// The answer from memory, without suspending: `.unknown` when not remembered or too old.
    func check(userID: UUID, issuedAt: Int64, now: Date) -> Answer {
        guard let entry = known.withLockedValue({ $0[userID] }), now.timeIntervalSince(entry.checkedAt) < Self.freshness
        else { return .unknown }
        return Self.answer(entry.revokedSecond, issuedAt: issuedAt)
    }

    /// The answer, looking the user up when memory does not know.
    func isRevoked(userID: UUID, issuedAt: Int64, db: any Database, now: Date) async throws -> Bool {
        let remembered = check(userID: userID, issuedAt: issuedAt, now: now)
        if remembered != .unknown { return remembered == .revoked }
        return Self.answer(try await load(userID: userID, db: db, now: now), issuedAt: issuedAt) == .revoked
    }

    /// Reads the user's revocation second from the database and remembers it. A deleted or purged account
    /// revokes everything.
    @discardableResult
    func load(userID: UUID, db: any Database, now: Date) async throws -> Int64? {
        let row = try await db.sqlDatabase.select().column("tokens_revoked_at").column("deleted_at").from("users")
            .where("id", .equal, userID).first()
        let revoked: Int64?
        if let row, try row.decodeNil(column: "deleted_at") {
            revoked =
                try row.decodeNil(column: "tokens_revoked_at")
                ? nil : Self.second(try row.decode(column: "tokens_revoked_at", as: Date.self))
        } else {
            revoked = Int64.max
        }
        remember(userID: userID, revokedSecond: revoked, now: now)
        return revoked
    }

    /// Revokes every access token the user holds now, in the database (on `db`, a transaction usually) and here.
    func revokeAll(userID: UUID, db: any Database, now: Date) async throws {
        try await db.sqlDatabase.update("users").set("tokens_revoked_at", to: now).where("id", .equal, userID).run()
        remember(userID: userID, revokedSecond: Self.second(now), now: now)
    }

    /// The `iat` a token issued now must carry to outlive a revocation made in the same second.
    static func issuedAt(now: Date, revokedSecond: Int64?) -> Int64 {
        max(second(now), (revokedSecond ?? Int64.min).addingReportingOverflow(1).partialValue)
    }

    private func remember(userID: UUID, revokedSecond: Int64?, now: Date) {
        known.withLockedValue { known in
            if known.count >= capacity { known.removeAll(keepingCapacity: true) }
            known[userID] = Known(revokedSecond: revokedSecond, checkedAt: now)
        }
    }

    private static func answer(_ revokedSecond: Int64?, issuedAt: Int64) -> Answer {
        guard let revokedSecond else { return .valid }
        return issuedAt <= revokedSecond ? .revoked : .valid
    }

    private static func second(_ date: Date) -> Int64 { Int64(date.timeIntervalSince1970.rounded(.down)) }
}

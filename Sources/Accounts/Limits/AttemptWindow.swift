import Fluent
import Foundation
import ParleyCore
import SQLKit

/// A per-account count of events within a fixed window, kept in two columns of `users` and taken by one
/// conditional UPDATE: concurrent requests can never take more than `limit` slots, on SQLite or PostgreSQL.
struct AttemptWindow: Sendable {
    let counter: String
    let windowEnds: String
    let limit: Int
    let window: TimeInterval

    /// Second-factor codes tried against one account, across all of its sign-in challenges: 10 per 15 minutes
    /// leave a six-digit code about a year of guessing.
    static let secondFactor = AttemptWindow(
        counter: "second_factor_failures", windowEnds: "second_factor_window_ends", limit: 10, window: 900)
    /// Mails a sign-up sends to one address (verification links, "you already have an account").
    static let signUpMails = AttemptWindow(
        counter: "sign_up_mails", windowEnds: "sign_up_mails_window_ends", limit: 3, window: 3600)

    /// Takes a slot; false when the window's slots are all taken.
    func claim(userID: UUID, _ env: AccountsEnvironment) async throws -> Bool {
        let now = env.now, fresh = now + window
        let rows = try await env.db.sqlDatabase.raw(
            """
            UPDATE users SET
              \(ident: counter) = CASE WHEN \(ident: windowEnds) IS NULL OR \(ident: windowEnds) <= \(bind: now) THEN 1 ELSE \(ident: counter) + 1 END,
              \(ident: windowEnds) = CASE WHEN \(ident: windowEnds) IS NULL OR \(ident: windowEnds) <= \(bind: now) THEN \(bind: fresh) ELSE \(ident: windowEnds) END
            WHERE id = \(bind: userID) AND (\(ident: windowEnds) IS NULL OR \(ident: windowEnds) <= \(bind: now) OR \(ident: counter) < \(bind: limit))
            RETURNING id
            """
        ).all()
        return rows.count == 1
    }

    /// Gives a slot back (a code that turned out right is not a failure).
    func release(userID: UUID, _ env: AccountsEnvironment) async throws {
        try await env.db.sqlDatabase.raw(
            """
            UPDATE users SET \(ident: counter) = \(ident: counter) - 1 WHERE id = \(bind: userID) AND \(ident: counter) > 0
            """
        ).run()
    }
}

import Foundation
import NIOConcurrencyHelpers

/// Access tokens this process has already verified, by their exact text, until they expire.
///
/// A signature check and two JSON decodes cost far more than a trivial request; a client sends the same token
/// for up to ten minutes. Only tokens that passed every check are kept, and a hit still checks the time claims
/// against the clock. Bounded: when full, expired entries go first, then everything.
final class VerifiedTokenCache: Sendable {
    /// A verified token's claims with its ids already parsed. A class, so a lookup hands out one reference
    /// rather than copying every string of the claims.
    final class Entry: Sendable {
        let claims: AccessTokenClaims
        let userID: UUID
        let sessionID: UUID

        init(claims: AccessTokenClaims, userID: UUID, sessionID: UUID) {
            self.claims = claims
            self.userID = userID
            self.sessionID = sessionID
        }
    }

    private let entries = NIOLockedValueBox<[String: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    func entry(for token: String) -> Entry? {
        entries.withLockedValue { $0[token] }
    }

    func insert(_ claims: AccessTokenClaims, for token: String, now: Date) {
        guard let userID = UUID(uuidString: claims.sub), let sessionID = UUID(uuidString: claims.sid) else { return }
        let seconds = Int64(now.timeIntervalSince1970)
        entries.withLockedValue { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.claims.exp > seconds }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[token] = Entry(claims: claims, userID: userID, sessionID: sessionID)
        }
    }
}

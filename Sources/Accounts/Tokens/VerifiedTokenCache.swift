import Foundation
import NIOConcurrencyHelpers

/// Access tokens this process has already verified, by their exact text, until they expire.
///
/// Entries are found by the last eight bytes of the token (the end of its signature, 48 random bits) and then
/// compared whole, so a lookup neither hashes nor copies the ~330-byte token.
///
/// A signature check and two JSON decodes cost far more than a trivial request; a client sends the same token
/// for up to ten minutes. Only tokens that passed every check are kept, and a hit still checks the time claims
/// against the clock. Bounded: when full, expired entries go first, then everything.
final class VerifiedTokenCache: Sendable {
    /// A verified token's claims with its ids already parsed.
    struct Entry: Sendable {
        var token: String
        var claims: AccessTokenClaims
        var userID: UUID
        var sessionID: UUID
    }

    private let entries = NIOLockedValueBox<[UInt64: Entry]>([:])
    private let capacity: Int

    init(capacity: Int = 50_000) {
        self.capacity = capacity
    }

    func entry(for token: some StringProtocol) -> Entry? {
        guard let entry = entries.withLockedValue({ $0[Self.key(token)] }), entry.token.utf8.elementsEqual(token.utf8) else { return nil }
        return entry
    }

    private static func key(_ token: some StringProtocol) -> UInt64 {
        token.utf8.suffix(8).reduce(0) { $0 << 8 | UInt64($1) }
    }

    func insert(_ claims: AccessTokenClaims, for token: String, now: Date) {
        guard let userID = UUID(uuidString: claims.sub), let sessionID = UUID(uuidString: claims.sid) else { return }
        let seconds = Int64(now.timeIntervalSince1970)
        entries.withLockedValue { entries in
            if entries.count >= capacity {
                entries = entries.filter { $0.value.claims.exp > seconds }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[Self.key(token)] = Entry(token: token, claims: claims, userID: userID, sessionID: sessionID)
        }
    }
}

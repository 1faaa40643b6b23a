import Crypto
import Fluent
import Foundation
import JWTKit
import NIOConcurrencyHelpers
import ParleyCore

/// The Ed25519 keys access tokens are signed and verified with, loaded from `signing_keys` and cached.
///
/// The newest unretired key signs. A retired key verifies for one token lifetime plus the reload interval after
/// its retirement, so no token issued before a rotation (by this or another process) stops working early.
/// The cache reloads every `reloadInterval`, and sooner when a token names a key it does not know.
final class AccessTokenKeys: Sendable {
    static let algorithm = "EdDSA"
    static let reloadInterval: TimeInterval = 60

    private struct Keyring: Sendable {
        var collection: JWTKeyCollection
        var kids: Set<String>
        var signingKid: String
        var loadedAt: Date
    }

    private let keyring = NIOLockedValueBox<Keyring?>(nil)
    private let masterKey: MasterKey
    private let tokenLifetime: TimeInterval

    init(masterKey: MasterKey, tokenLifetime: TimeInterval) {
        self.masterKey = masterKey
        self.tokenLifetime = tokenLifetime
    }

    /// The collection and the id of the key that signs now, reloading when stale.
    func signer(db: any Database, now: Date) async throws -> (JWTKeyCollection, kid: String) {
        let ring = try await current(db: db, now: now, mustKnow: nil)
        return (ring.collection, ring.signingKid)
    }

    /// The collection, if it knows `kid` (reloading once when it does not); nil for a key nobody has.
    func verifier(for kid: String, db: any Database, now: Date) async throws -> JWTKeyCollection? {
        let ring = try await current(db: db, now: now, mustKnow: kid)
        return ring.kids.contains(kid) ? ring.collection : nil
    }

    /// Forgets the cache, so the next use reads the table (after a rotation in this process).
    func invalidate() { keyring.withLockedValue { $0 = nil } }

    private func current(db: any Database, now: Date, mustKnow kid: String?) async throws -> Keyring {
        if let ring = keyring.withLockedValue({ $0 }) {
            let age = now.timeIntervalSince(ring.loadedAt)
            let fresh = age >= 0 && age < Self.reloadInterval
            // An unknown kid triggers at most one reload every five seconds: forged kids cannot hammer the table.
            let knows = kid.map { ring.kids.contains($0) || age < 5 } ?? true
            if fresh && knows { return ring }
        }
        let ring = try await load(db: db, now: now)
        keyring.withLockedValue { $0 = ring }
        return ring
    }

    private func load(db: any Database, now: Date) async throws -> Keyring {
        var rows = try await Self.liveKeys(db: db, now: now, tokenLifetime: tokenLifetime)
        if !rows.contains(where: { $0.retiredAt == nil }) {
            rows.append(try await Self.create(db: db, masterKey: masterKey, now: now))
        }
        let collection = JWTKeyCollection()
        for row in rows {
            let kid = try row.requireID()
            let raw = try masterKey.open(row.privateKeySealed, purpose: "jwt-signing-key", context: kid)
            await collection.add(
                eddsa: EdDSA.PrivateKey(backing: try Curve25519.Signing.PrivateKey(rawRepresentation: raw)),
                kid: JWKIdentifier(string: kid))
        }
        let signing = rows.filter { $0.retiredAt == nil }.max { $0.createdAt < $1.createdAt }!
        return Keyring(
            collection: collection, kids: Set(rows.compactMap(\.id)), signingKid: try signing.requireID(), loadedAt: now
        )
    }

    /// Keys that sign or still verify at `now`.
    static func liveKeys(db: any Database, now: Date, tokenLifetime: TimeInterval) async throws -> [SigningKey] {
        let cutoff = now - tokenLifetime - reloadInterval * 2
        return try await SigningKey.query(on: db).group(.or) {
            $0.filter(\.$retiredAt == nil).filter(\.$retiredAt > cutoff)
        }.all()
    }

    /// Makes and stores a new signing key; its private half sealed with the master key under its own id.
    @discardableResult
    static func create(db: any Database, masterKey: MasterKey, now: Date) async throws -> SigningKey {
        let key = Curve25519.Signing.PrivateKey()
        let row = SigningKey()
        let kid = Data(SHA256.hash(data: key.publicKey.rawRepresentation)).prefix(12).base64URLEncodedString
        row.id = kid
        row.algorithm = algorithm
        row.privateKeySealed = try masterKey.seal(key.rawRepresentation, purpose: "jwt-signing-key", context: kid)
        row.publicKey = key.publicKey.rawRepresentation.base64URLEncodedString
        row.createdAt = now
        try await row.create(on: db)
        return row
    }

    /// Retires every signing key and makes a new one; keys too old to verify anything are deleted.
    static func rotate(db: any Database, masterKey: MasterKey, now: Date, tokenLifetime: TimeInterval) async throws -> (
        new: String, retired: [String]
    ) {
        try await db.writeTransaction { tx in
            let active = try await SigningKey.query(on: tx).filter(\.$retiredAt == nil).all()
            for key in active {
                key.retiredAt = now
                try await key.save(on: tx)
            }
            try await SigningKey.query(on: tx).filter(\.$retiredAt < now - tokenLifetime - reloadInterval * 2).delete()
            let new = try await create(db: tx, masterKey: masterKey, now: now)
            return (try new.requireID(), active.compactMap(\.id))
        }
    }
}

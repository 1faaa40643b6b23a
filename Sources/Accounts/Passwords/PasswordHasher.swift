import Crypto
import Foundation
import NIOConcurrencyHelpers
import Vapor

/// bcrypt over a SHA-256 pre-hash of the NFC-normalised password.
///
/// bcrypt reads at most 72 bytes, so two long passwords sharing their first 72 bytes would otherwise hash alike.
/// The pre-hash is base64 (44 ASCII bytes, no NUL), so every byte of any password counts.
///
/// A check costs about a quarter of a second of CPU at cost 12, so it runs on the application's blocking thread
/// pool: on the few cooperative threads it would stall every other request of the process meanwhile.
struct PasswordHasher: Sendable {
    let cost: Int
    let threadPool: NIOThreadPool

    func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await threadPool.runIfActive { try Bcrypt.hash(Self.preHash(password), cost: cost) }
    }

    func verify(_ password: String, against hash: String) async -> Bool {
        (try? await threadPool.runIfActive { try Bcrypt.verify(Self.preHash(password), created: hash) }) ?? false
    }

    /// Spends the same time as a real check, for sign-ins naming no account, so timing does not tell them apart.
    func verifyNothing(_ password: String) async {
        let cost = cost
        _ = try? await threadPool.runIfActive {
            try Bcrypt.verify(Self.preHash(password), created: Self.dummyHash(cost: cost))
        }
    }

    static func preHash(_ password: String) -> String {
        Data(SHA256.hash(data: Data(password.precomposedStringWithCanonicalMapping.utf8))).base64EncodedString()
    }

    private static let dummies = NIOLockedValueBox<[Int: String]>([:])

    private static func dummyHash(cost: Int) -> String {
        dummies.withLockedValue { cache in
            if let hash = cache[cost] { return hash }
            let hash = (try? Bcrypt.hash("parley-no-such-account", cost: cost)) ?? ""
            cache[cost] = hash
            return hash
        }
    }
}

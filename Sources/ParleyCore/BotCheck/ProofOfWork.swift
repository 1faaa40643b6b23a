import Crypto
import Foundation

/// The built-in bot check when no Turnstile keys are configured (hashcash style).
///
/// The server issues `v1.<expires>.<difficulty>.<random>.<mac>`, where the MAC (HMAC-SHA256 under a key derived
/// from the master key) binds the expiry and difficulty. The browser finds a decimal counter such that
/// SHA-256(`nonce:counter`) starts with `difficulty` zero bits. The server checks the MAC, the expiry and the
/// work, then spends the nonce once (the replay store is the database, so it holds across processes).
package struct ProofOfWork: Sendable {
    package let key: SymmetricKey
    package let difficulty: Int
    package let lifetime: TimeInterval

    package init(masterKey: MasterKey, difficulty: Int, lifetime: TimeInterval = 600) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: masterKey.key, info: Data("parley/bot-check/pow/v1".utf8), outputByteCount: 32)
        self.difficulty = difficulty
        self.lifetime = lifetime
    }

    package func issue(now: Date, random: RandomSource) -> (nonce: String, expiresAt: Date) {
        let expires = Int(now.timeIntervalSince1970 + lifetime)
        let body = "v1.\(expires).\(difficulty).\(random.hexToken(byteCount: 16))"
        return (body + "." + mac(body), Date(timeIntervalSince1970: TimeInterval(expires)))
    }

    package func challenge(now: Date, random: RandomSource) -> BotCheckChallenge {
        let issued = issue(now: now, random: random)
        return BotCheckChallenge(kind: "pow", nonce: issued.nonce, difficulty: difficulty, expiresAt: issued.expiresAt)
    }

    /// Checks everything but replay; returns the nonce's expiry, which the replay store keeps it until.
    package func verify(nonce: String, solution: String, now: Date) throws -> Date {
        let parts = nonce.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard nonce.utf8.count <= 256, parts.count == 5, parts[0] == "v1", let expires = Int(parts[1]),
            let bits = Int(parts[2]),
            solution.utf8.count <= 20, solution.allSatisfy(\.isASCII), UInt64(solution) != nil
        else {
            throw BotCheckError.malformed
        }
        let body = parts[0...3].joined(separator: ".")
        guard let given = Data(base64URLEncoded: parts[4]),
            HMAC<SHA256>.isValidAuthenticationCode(given, authenticating: Data(body.utf8), using: key)
        else {
            throw BotCheckError.failed
        }
        guard Double(expires) > now.timeIntervalSince1970 else { throw BotCheckError.expired }
        guard Self.leadingZeroBits(SHA256.hash(data: Data("\(nonce):\(solution)".utf8))) >= bits else {
            throw BotCheckError.failed
        }
        return Date(timeIntervalSince1970: TimeInterval(expires))
    }

    /// Finds a solution; the browser does this in `bot-check.js`, tests and benchmarks here.
    package static func solve(nonce: String, difficulty: Int) -> String {
        var counter: UInt64 = 0
        while leadingZeroBits(SHA256.hash(data: Data("\(nonce):\(counter)".utf8))) < difficulty { counter += 1 }
        return String(counter)
    }

    static func leadingZeroBits(_ digest: SHA256.Digest) -> Int {
        var bits = 0
        for byte in digest {
            if byte == 0 { bits += 8; continue }
            return bits + byte.leadingZeroBitCount
        }
        return bits
    }

    private func mac(_ body: String) -> String {
        Data(HMAC<SHA256>.authenticationCode(for: Data(body.utf8), using: key)).base64URLEncodedString
    }
}

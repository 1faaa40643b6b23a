import Foundation

/// How workspace API keys look: `parley_sk_` and 43 base64url characters (256 random bits). The prefix makes a
/// leaked key easy to recognise (secret scanners, log reviews) and lets sign-in tell a key from a JWT.
package enum APIKeyFormat {
    package static let prefix = "parley_sk_"

    package static func isAPIKey(_ token: String) -> Bool { token.hasPrefix(prefix) }

    /// A new secret from the system generator.
    package static func generate(_ random: RandomSource) -> String {
        prefix + Data(random.bytes(32)).base64URLEncodedString
    }

    /// What the database stores: SHA-256 of the whole key, in hex.
    package static func hash(_ key: String) -> String { sha256Hex(key) }

    /// The part shown in lists: the prefix and the first eight secret characters.
    package static func displayPrefix(_ key: String) -> String { String(key.prefix(prefix.count + 8)) }

    package static func scopes(from text: String) -> Set<APIKeyScope> {
        Set(text.split(separator: " ").compactMap { APIKeyScope(String($0)) })
    }

    package static func text(of scopes: Set<APIKeyScope>) -> String {
        scopes.map(\.description).sorted().joined(separator: " ")
    }
}

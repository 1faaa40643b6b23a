import Foundation
import JWTKit
import ParleyCore

/// Compact JWS helpers shared by access tokens and ID tokens.
enum JWS {
    /// The decoded header, before anything else is trusted.
    static func header(of token: String) throws(AccessTokenError) -> JWTHeader {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard token.utf8.count <= 16_384, parts.count == 3, let data = Data(base64URLEncoded: parts[0]),
            let header = try? JSONDecoder().decode(JWTHeader.self, from: data)
        else { throw .malformed }
        return header
    }
}

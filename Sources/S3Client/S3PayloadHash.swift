import Foundation

/// Payload hash values accepted by the signer.
public enum S3PayloadHash {
    /// The literal value used when the body is not part of the signature.
    public static let unsigned = "UNSIGNED-PAYLOAD"
    /// The hex SHA-256 of an empty body.
    public static let empty = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

    /// The hex SHA-256 of `body`.
    public static func sha256<D: DataProtocol>(_ body: D) -> String {
        Hashing.sha256Hex(body)
    }
}

/// The outcome of signing one request with the `Authorization` header.
///
/// `headers` is what the caller adds to the request; the other fields show
/// the intermediate strings, which S3 also returns in a
/// `SignatureDoesNotMatch` error and so help diagnosing a mismatch.
public struct SigV4Signature: Sendable, Equatable {
    /// Headers to add: `Authorization`, `x-amz-date`, `x-amz-content-sha256`
    /// and, with temporary credentials, `x-amz-security-token`.
    public let headers: [String: String]
    /// The lowercase hex signature.
    public let signature: String
    /// The `;`-separated, sorted, lowercase names of the signed headers.
    public let signedHeaders: String
    /// The canonical request that was hashed.
    public let canonicalRequest: String
    /// The string that was signed.
    public let stringToSign: String
}

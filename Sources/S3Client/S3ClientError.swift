/// Errors raised while building or signing requests.
public enum S3ClientError: Error, Sendable, Equatable {
    /// The endpoint URL lacks a scheme or a host, or has a query or fragment.
    case invalidEndpoint(String)
    /// An object key was empty.
    case emptyKey
    /// A URL could not be assembled from its parts.
    case invalidURL(String)
    /// A presigned URL lifetime outside 1...604800 seconds.
    case invalidExpiry(Int)
    /// A multipart part number outside 1...10000, or listed twice.
    case invalidPartNumber(Int)
    /// A multipart upload must be completed with at least one part.
    case noParts
}

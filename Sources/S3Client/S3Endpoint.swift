import Foundation

/// Where a bucket lives and how its objects are addressed.
///
/// ```swift
/// let endpoint = try S3Endpoint(url: URL(string: "http://localhost:9000")!,
///                               region: "us-east-1", bucket: "media")
/// try endpoint.url(forKey: "photos/a b.jpg")  // http://localhost:9000/media/photos/a%20b.jpg
/// ```
public struct S3Endpoint: Sendable, Equatable {
    /// How the bucket appears in a URL.
    public enum AddressingStyle: Sendable, Equatable {
        /// `https://host/bucket/key` (typical for MinIO and other self-hosted stores).
        case path
        /// `https://bucket.host/key` (the AWS default).
        case virtualHosted
    }

    /// `http` or `https`.
    public var scheme: String
    /// The service host without the bucket, e.g. `s3.us-west-2.amazonaws.com`.
    public var host: String
    /// An explicit port, or `nil` for the scheme's default.
    public var port: Int?
    /// The signing region, e.g. `us-east-1`.
    public var region: String
    /// The bucket name.
    public var bucket: String
    /// Path-style or virtual-hosted-style addressing.
    public var addressingStyle: AddressingStyle

    /// Creates an endpoint from its parts.
    public init(
        scheme: String = "https",
        host: String,
        port: Int? = nil,
        region: String,
        bucket: String,
        addressingStyle: AddressingStyle = .path
    ) {
        self.scheme = scheme.lowercased()
        self.host = host
        self.port = port
        self.region = region
        self.bucket = bucket
        self.addressingStyle = addressingStyle
    }

    /// Creates an endpoint from a base URL such as `https://s3.amazonaws.com`
    /// or `http://localhost:9000`. Only the scheme, host and port are used;
    /// a path other than `/`, a query or a fragment is rejected.
    public init(
        url: URL,
        region: String,
        bucket: String,
        addressingStyle: AddressingStyle = .path
    ) throws {
        guard let parts = URLComponents(url: url, resolvingAgainstBaseURL: false),
            let scheme = parts.scheme, ["http", "https"].contains(scheme.lowercased()),
            let host = parts.host, !host.isEmpty,
            parts.percentEncodedPath.isEmpty || parts.percentEncodedPath == "/",
            parts.percentEncodedQuery == nil, parts.fragment == nil,
            parts.user == nil, parts.password == nil
        else {
            throw S3ClientError.invalidEndpoint(url.absoluteString)
        }
        self.init(
            scheme: scheme, host: host, port: parts.port, region: region,
            bucket: bucket, addressingStyle: addressingStyle)
    }

    /// The host that requests go to: the bucket is prefixed for virtual-hosted style.
    public var requestHost: String {
        addressingStyle == .virtualHosted ? "\(bucket).\(host)" : host
    }

    /// The URL of the bucket itself (used by ListObjectsV2).
    /// `query` items are encoded per SigV4 rules; a `nil` value yields a bare name (`?uploads`).
    public func bucketURL(query: [(String, String?)] = []) throws -> URL {
        let path = addressingStyle == .path ? "/" + PercentEncoding.path(bucket) : "/"
        return try makeURL(percentEncodedPath: path, query: query)
    }

    /// The URL of an object. The key is percent-encoded byte by byte, keeping
    /// only `A-Za-z0-9-._~` and `/`. The key is used verbatim: a leading `/`
    /// or `.`/`..` segments are part of the key, not path syntax.
    public func url(forKey key: String, query: [(String, String?)] = []) throws -> URL {
        guard !key.isEmpty else { throw S3ClientError.emptyKey }
        let encodedKey = S3Endpoint.encodeKey(key)
        let path =
            addressingStyle == .path
            ? "/" + PercentEncoding.path(bucket) + "/" + encodedKey
            : "/" + encodedKey
        return try makeURL(percentEncodedPath: path, query: query)
    }

    /// Percent-encodes an object key for use in a URL path.
    public static func encodeKey(_ key: String) -> String {
        PercentEncoding.path(key)
    }

    private func makeURL(percentEncodedPath: String, query: [(String, String?)]) throws -> URL {
        var parts = URLComponents()
        parts.scheme = scheme
        parts.host = requestHost
        parts.port = port
        parts.percentEncodedPath = percentEncodedPath
        if !query.isEmpty {
            parts.percentEncodedQuery = query.map { name, value in
                let encodedName = PercentEncoding.query(name)
                return value.map { encodedName + "=" + PercentEncoding.query($0) } ?? encodedName
            }.joined(separator: "&")
        }
        guard let url = parts.url else {
            throw S3ClientError.invalidURL("\(scheme)://\(requestHost)\(percentEncodedPath)")
        }
        return url
    }
}

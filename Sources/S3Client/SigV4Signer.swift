import Crypto
import Foundation

/// Signs requests with AWS Signature Version 4 (`AWS4-HMAC-SHA256`).
///
/// The signer only computes headers or query parameters; it sends nothing.
/// Canonicalisation follows the S3 flavour of SigV4: the path is encoded
/// once (never twice) and is not normalised.
public struct SigV4Signer: Sendable {
    /// The algorithm name used in `Authorization` and `X-Amz-Algorithm`.
    public static let algorithm = "AWS4-HMAC-SHA256"

    /// Request headers that are never signed: they are set or changed by
    /// HTTP clients and proxies, or are the signature itself.
    static let unsignedHeaderNames: Set<String> = [
        "authorization", "user-agent", "expect", "transfer-encoding", "x-amzn-trace-id",
    ]

    /// The credentials that sign.
    public var credentials: S3Credentials
    /// The signing region, e.g. `us-east-1`.
    public var region: String
    /// The signing service name, `s3` for object storage.
    public var service: String

    public init(credentials: S3Credentials, region: String, service: String = "s3") {
        self.credentials = credentials
        self.region = region
        self.service = service
    }

    /// A signer for the region of `endpoint`.
    public init(credentials: S3Credentials, endpoint: S3Endpoint) {
        self.init(credentials: credentials, region: endpoint.region, service: "s3")
    }

    // MARK: Authorization header

    /// Signs a request for the `Authorization` header.
    ///
    /// - Parameters:
    ///   - method: The HTTP method, e.g. `GET`.
    ///   - url: The full request URL. Its path and query are canonicalised
    ///     (decoded, then re-encoded per SigV4), so `$` and `%24` sign alike.
    ///   - headers: Headers the request will carry. All are signed except
    ///     `Authorization`, `User-Agent`, `Expect`, `Transfer-Encoding` and
    ///     `X-Amzn-Trace-Id`. `Host` is derived from `url` when absent.
    ///     Names differing only by case are combined as one header.
    ///   - payloadHash: Lowercase hex SHA-256 of the body, or `UNSIGNED-PAYLOAD`.
    ///   - date: The signing time; S3 accepts it within about 15 minutes.
    public func sign(
        method: String,
        url: URL,
        headers: [String: String] = [:],
        payloadHash: String,
        date: Date
    ) -> SigV4Signature {
        let amzDate = AmzDate(date)
        var added: [String: String] = [
            "x-amz-date": amzDate.timestamp,
            "x-amz-content-sha256": payloadHash,
        ]
        if let token = credentials.sessionToken {
            added["x-amz-security-token"] = token
        }

        var toSign = signableHeaders(headers, url: url).filter { added[$0.name] == nil }
        toSign += added.map { (name: $0.key, value: $0.value) }

        let parts = computeSignature(
            method: method,
            url: url,
            query: SigV4Signer.queryItems(of: url),
            headers: toSign,
            payloadHash: payloadHash,
            amzDate: amzDate
        )
        added["Authorization"] =
            "\(SigV4Signer.algorithm) "
            + "Credential=\(credentials.accessKeyID)/\(scope(amzDate)),"
            + "SignedHeaders=\(parts.signedHeaders),"
            + "Signature=\(parts.signature)"
        return SigV4Signature(
            headers: added,
            signature: parts.signature,
            signedHeaders: parts.signedHeaders,
            canonicalRequest: parts.canonicalRequest,
            stringToSign: parts.stringToSign
        )
    }

    /// Returns `request` with the signing headers added (replacing any
    /// earlier `Authorization`, `x-amz-date`, `x-amz-content-sha256` and
    /// `x-amz-security-token`, whatever their case).
    public func sign(_ request: S3Request, date: Date) -> S3Request {
        let result = sign(
            method: request.method, url: request.url, headers: request.headers,
            payloadHash: request.payloadHash, date: date)
        var signed = request
        let replaced = Set(result.headers.keys.map { $0.lowercased() })
        signed.headers = request.headers.filter { !replaced.contains($0.key.lowercased()) }
        signed.headers.merge(result.headers) { _, new in new }
        return signed
    }

    // MARK: Presigned URLs

    /// Signs a URL with query parameters, so that it can be used without
    /// credentials (for instance by a browser) until it expires.
    ///
    /// The payload is `UNSIGNED-PAYLOAD`. Only `host` is signed unless
    /// `headers` names more; whoever uses the URL must then send those
    /// headers with the same values. A session token is included in the
    /// signed query as `X-Amz-Security-Token`.
    ///
    /// - Parameter expires: Lifetime in seconds, 1...604800 (seven days).
    /// - Returns: The URL with its path and query in canonical form and
    ///   `X-Amz-Signature` appended last.
    public func presignedURL(
        method: String = "GET",
        url: URL,
        expires: Int,
        headers: [String: String] = [:],
        date: Date
    ) throws -> URL {
        guard (1...604_800).contains(expires) else { throw S3ClientError.invalidExpiry(expires) }
        let amzDate = AmzDate(date)
        let toSign = signableHeaders(headers, url: url)
        let signedHeaders = SigV4Signer.canonicalHeaders(toSign).signed

        var authQuery: [(name: String, value: String)] = [
            ("X-Amz-Algorithm", SigV4Signer.algorithm),
            ("X-Amz-Credential", "\(credentials.accessKeyID)/\(scope(amzDate))"),
            ("X-Amz-Date", amzDate.timestamp),
            ("X-Amz-Expires", String(expires)),
            ("X-Amz-SignedHeaders", signedHeaders),
        ]
        if let token = credentials.sessionToken {
            authQuery.append(("X-Amz-Security-Token", token))
        }
        let reserved = Set(authQuery.map(\.name) + ["X-Amz-Signature"])
        let query = SigV4Signer.queryItems(of: url).filter { !reserved.contains($0.name) } + authQuery

        let parts = computeSignature(
            method: method, url: url, query: query, headers: toSign,
            payloadHash: S3PayloadHash.unsigned, amzDate: amzDate)

        guard var components = URLComponents(url: url, resolvingAgainstBaseURL: false) else {
            throw S3ClientError.invalidURL(url.absoluteString)
        }
        components.percentEncodedPath = SigV4Signer.canonicalURI(of: url)
        components.percentEncodedQuery =
            SigV4Signer.canonicalQuery(query)
            + "&X-Amz-Signature=" + parts.signature
        components.fragment = nil
        guard let signedURL = components.url else {
            throw S3ClientError.invalidURL(url.absoluteString)
        }
        return signedURL
    }

    // MARK: Signature steps

    /// The credential scope: `date/region/service/aws4_request`.
    func scope(_ amzDate: AmzDate) -> String {
        "\(amzDate.day)/\(region)/\(service)/aws4_request"
    }

    /// The derived key: HMAC chain over date, region, service and `aws4_request`.
    func signingKey(day: String) -> SymmetricKey {
        let kDate = Hashing.hmac(key: Data("AWS4\(credentials.secretAccessKey)".utf8), day)
        let kRegion = Hashing.hmac(key: kDate, region)
        let kService = Hashing.hmac(key: kRegion, service)
        return Hashing.hmac(key: kService, "aws4_request")
    }

    private struct Parts {
        var canonicalRequest: String
        var stringToSign: String
        var signedHeaders: String
        var signature: String
    }

    private func computeSignature(
        method: String,
        url: URL,
        query: [(name: String, value: String)],
        headers: [(name: String, value: String)],
        payloadHash: String,
        amzDate: AmzDate
    ) -> Parts {
        let (canonicalHeaders, signedHeaders) = SigV4Signer.canonicalHeaders(headers)
        let canonicalRequest = [
            method.uppercased(),
            SigV4Signer.canonicalURI(of: url),
            SigV4Signer.canonicalQuery(query),
            canonicalHeaders,
            signedHeaders,
            payloadHash,
        ].joined(separator: "\n")
        let stringToSign = [
            SigV4Signer.algorithm,
            amzDate.timestamp,
            scope(amzDate),
            Hashing.sha256Hex(canonicalRequest),
        ].joined(separator: "\n")
        let mac = HMAC<SHA256>.authenticationCode(
            for: Data(stringToSign.utf8),
            using: signingKey(day: amzDate.day))
        return Parts(
            canonicalRequest: canonicalRequest, stringToSign: stringToSign,
            signedHeaders: signedHeaders, signature: Hashing.hex(mac))
    }

    /// The caller's headers with lowercase names, minus unsigned ones,
    /// plus `host` taken from the URL when the caller gave none.
    private func signableHeaders(_ headers: [String: String], url: URL) -> [(name: String, value: String)] {
        var result =
            headers
            .map { (name: $0.key.trimmingCharacters(in: .whitespaces).lowercased(), value: $0.value) }
            .filter { !SigV4Signer.unsignedHeaderNames.contains($0.name) }
        if !result.contains(where: { $0.name == "host" }) {
            result.append((name: "host", value: SigV4Signer.hostHeader(for: url)))
        }
        return result
    }

    // MARK: Canonical forms

    /// The `Host` header value for `url`: the host, plus `:port` unless the
    /// port is the scheme's default (80 for http, 443 for https).
    public static func hostHeader(for url: URL) -> String {
        let components = URLComponents(url: url, resolvingAgainstBaseURL: false)
        var host = components?.host ?? url.host ?? ""
        if host.contains(":") && !host.hasPrefix("[") { host = "[\(host)]" }
        guard let port = components?.port else { return host }
        let scheme = components?.scheme?.lowercased()
        if (scheme == "http" && port == 80) || (scheme == "https" && port == 443) { return host }
        return "\(host):\(port)"
    }

    /// The canonical URI: the path decoded, then encoded once with `/` kept.
    /// An empty path becomes `/`.
    static func canonicalURI(of url: URL) -> String {
        let raw = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedPath ?? ""
        let encoded = PercentEncoding.path(PercentEncoding.decode(raw))
        return encoded.isEmpty ? "/" : encoded
    }

    /// Decoded query parameters in order. A bare name (`?uploads`) has an
    /// empty value; `+` is taken literally, not as a space.
    static func queryItems(of url: URL) -> [(name: String, value: String)] {
        guard let raw = URLComponents(url: url, resolvingAgainstBaseURL: false)?.percentEncodedQuery,
            !raw.isEmpty
        else { return [] }
        return raw.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            let name = PercentEncoding.decode(String(parts[0]))
            let value = parts.count > 1 ? PercentEncoding.decode(String(parts[1])) : ""
            return (name: name, value: value)
        }
    }

    /// The canonical query string: names and values encoded, sorted by
    /// encoded name, then encoded value, joined with `&`.
    static func canonicalQuery(_ items: [(name: String, value: String)]) -> String {
        let encoded: [(name: String, value: String)] = items.map { item in
            (name: PercentEncoding.query(item.name), value: PercentEncoding.query(item.value))
        }
        let sorted = encoded.sorted { a, b in
            if a.name != b.name { return a.name.utf8.lexicographicallyPrecedes(b.name.utf8) }
            return a.value.utf8.lexicographicallyPrecedes(b.value.utf8)
        }
        return sorted.map { item in item.name + "=" + item.value }.joined(separator: "&")
    }

    /// Canonical headers (`name:value\n` each, sorted) and the signed header list.
    /// Values are trimmed and inner runs of spaces or tabs collapse to one space;
    /// repeated names are joined with `,`.
    static func canonicalHeaders(_ headers: [(name: String, value: String)]) -> (canonical: String, signed: String) {
        var grouped: [String: [String]] = [:]
        for header in headers {
            grouped[header.name, default: []].append(trimAll(header.value))
        }
        let names = grouped.keys.sorted { $0.utf8.lexicographicallyPrecedes($1.utf8) }
        let canonical = names.map { name in
            // Values of one name gathered from a dictionary have no defined
            // order; sort them so that the result is reproducible.
            let values = grouped[name]!
            return "\(name):\(values.count > 1 ? values.sorted().joined(separator: ",") : values[0])\n"
        }.joined()
        return (canonical, names.joined(separator: ";"))
    }

    /// Trims a header value and collapses inner whitespace runs to one space.
    static func trimAll(_ value: String) -> String {
        value.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" || $0 == "\n" })
            .joined(separator: " ")
    }
}

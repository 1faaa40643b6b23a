import Foundation

/// An unsigned S3 request: what to send, ready for `SigV4Signer.sign(_:date:)`.
///
/// Builders exist for the object and multipart operations. None of them
/// sends anything; the caller passes the signed request to its HTTP client.
public struct S3Request: Sendable, Equatable {
    /// The HTTP method.
    public var method: String
    /// The full URL, with the key and query already percent-encoded.
    public var url: URL
    /// Headers to send (the signer adds its own).
    public var headers: [String: String]
    /// Hex SHA-256 of `body`, or `UNSIGNED-PAYLOAD`.
    public var payloadHash: String
    /// The body to send, when the builder produced one (CompleteMultipartUpload).
    /// For uploads the caller sends its own data, whose hash is `payloadHash`.
    public var body: Data?

    public init(
        method: String, url: URL, headers: [String: String] = [:],
        payloadHash: String = S3PayloadHash.empty, body: Data? = nil
    ) {
        self.method = method
        self.url = url
        self.headers = headers
        self.payloadHash = payloadHash
        self.body = body
    }
}

extension S3Request {
    /// PutObject: `PUT /key` with `body` as the object's content.
    ///
    /// - Parameters:
    ///   - signPayload: When `false` the payload hash is `UNSIGNED-PAYLOAD`
    ///     (cheaper for large bodies; the body is then protected by TLS only).
    ///   - headers: Extra headers such as `x-amz-storage-class` or `x-amz-meta-*`.
    public static func putObject(
        _ endpoint: S3Endpoint,
        key: String,
        body: Data,
        contentType: String? = nil,
        headers: [String: String] = [:],
        signPayload: Bool = true
    ) throws -> S3Request {
        var allHeaders = headers
        if let contentType { allHeaders["Content-Type"] = contentType }
        return S3Request(
            method: "PUT",
            url: try endpoint.url(forKey: key),
            headers: allHeaders,
            payloadHash: signPayload ? S3PayloadHash.sha256(body) : S3PayloadHash.unsigned
        )
    }

    /// GetObject: `GET /key`, with an optional inclusive byte range
    /// (`0...9` sends `Range: bytes=0-9`).
    public static func getObject(
        _ endpoint: S3Endpoint,
        key: String,
        range: ClosedRange<Int>? = nil,
        headers: [String: String] = [:]
    ) throws -> S3Request {
        var allHeaders = headers
        if let range { allHeaders["Range"] = "bytes=\(range.lowerBound)-\(range.upperBound)" }
        return S3Request(method: "GET", url: try endpoint.url(forKey: key), headers: allHeaders)
    }

    /// HeadObject: `HEAD /key`.
    public static func headObject(_ endpoint: S3Endpoint, key: String) throws -> S3Request {
        S3Request(method: "HEAD", url: try endpoint.url(forKey: key))
    }

    /// DeleteObject: `DELETE /key`.
    public static func deleteObject(_ endpoint: S3Endpoint, key: String) throws -> S3Request {
        S3Request(method: "DELETE", url: try endpoint.url(forKey: key))
    }

    /// CreateMultipartUpload: `POST /key?uploads`. The answer carries the
    /// upload ID (see `S3XML.initiateMultipartUploadResult(from:)`).
    public static func createMultipartUpload(
        _ endpoint: S3Endpoint,
        key: String,
        contentType: String? = nil,
        headers: [String: String] = [:]
    ) throws -> S3Request {
        var allHeaders = headers
        if let contentType { allHeaders["Content-Type"] = contentType }
        return S3Request(
            method: "POST", url: try endpoint.url(forKey: key, query: [("uploads", nil)]),
            headers: allHeaders)
    }

    /// UploadPart: `PUT /key?partNumber=N&uploadId=ID`. Part numbers run
    /// 1...10000; the answer's `ETag` header is needed to complete the upload.
    public static func uploadPart(
        _ endpoint: S3Endpoint,
        key: String,
        uploadID: String,
        partNumber: Int,
        body: Data,
        signPayload: Bool = true
    ) throws -> S3Request {
        guard (1...10_000).contains(partNumber) else { throw S3ClientError.invalidPartNumber(partNumber) }
        let url = try endpoint.url(forKey: key, query: [("partNumber", String(partNumber)), ("uploadId", uploadID)])
        return S3Request(
            method: "PUT", url: url,
            payloadHash: signPayload ? S3PayloadHash.sha256(body) : S3PayloadHash.unsigned)
    }

    /// CompleteMultipartUpload: `POST /key?uploadId=ID` with the XML list of
    /// parts as body (parts are sorted by number; see `completeMultipartUploadBody`).
    public static func completeMultipartUpload(
        _ endpoint: S3Endpoint,
        key: String,
        uploadID: String,
        parts: [S3CompletedPart]
    ) throws -> S3Request {
        let body = Data(try completeMultipartUploadBody(parts: parts).utf8)
        return S3Request(
            method: "POST",
            url: try endpoint.url(forKey: key, query: [("uploadId", uploadID)]),
            headers: ["Content-Type": "application/xml"],
            payloadHash: S3PayloadHash.sha256(body),
            body: body
        )
    }

    /// AbortMultipartUpload: `DELETE /key?uploadId=ID`.
    public static func abortMultipartUpload(_ endpoint: S3Endpoint, key: String, uploadID: String) throws -> S3Request {
        S3Request(method: "DELETE", url: try endpoint.url(forKey: key, query: [("uploadId", uploadID)]))
    }

    /// ListObjectsV2: `GET /?list-type=2` on the bucket, optionally with a
    /// prefix, a delimiter, a page size and the continuation token of the
    /// previous page (`S3ListBucketResult.nextContinuationToken`).
    /// Asks for `encoding-type=url`, so that any key survives the XML answer;
    /// `S3XML.listBucketResult(from:)` decodes the keys again.
    public static func listObjectsV2(
        _ endpoint: S3Endpoint,
        prefix: String? = nil,
        delimiter: String? = nil,
        maxKeys: Int? = nil,
        continuationToken: String? = nil
    ) throws -> S3Request {
        var query: [(String, String?)] = []
        if let continuationToken { query.append(("continuation-token", continuationToken)) }
        if let delimiter { query.append(("delimiter", delimiter)) }
        query.append(("encoding-type", "url"))
        query.append(("list-type", "2"))
        if let maxKeys { query.append(("max-keys", String(maxKeys))) }
        if let prefix { query.append(("prefix", prefix)) }
        return S3Request(method: "GET", url: try endpoint.bucketURL(query: query))
    }

    /// The CompleteMultipartUpload XML document for `parts`, sorted by part
    /// number, with ETags (which usually contain quotes) escaped.
    public static func completeMultipartUploadBody(parts: [S3CompletedPart]) throws -> String {
        guard !parts.isEmpty else { throw S3ClientError.noParts }
        var seen = Set<Int>()
        for part in parts {
            guard (1...10_000).contains(part.partNumber), seen.insert(part.partNumber).inserted else {
                throw S3ClientError.invalidPartNumber(part.partNumber)
            }
        }
        var xml =
            #"<?xml version="1.0" encoding="UTF-8"?>"# + "\n"
            + #"<CompleteMultipartUpload xmlns="http://s3.amazonaws.com/doc/2006-03-01/">"#
        for part in parts.sorted(by: { $0.partNumber < $1.partNumber }) {
            xml +=
                "<Part><PartNumber>\(part.partNumber)</PartNumber>"
                + "<ETag>\(S3XML.escape(part.eTag))</ETag></Part>"
        }
        return xml + "</CompleteMultipartUpload>"
    }
}

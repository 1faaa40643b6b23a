/// The answer to CreateMultipartUpload.
public struct S3InitiateMultipartUploadResult: Sendable, Equatable {
    public var bucket: String?
    public var key: String?
    /// The ID that UploadPart, CompleteMultipartUpload and AbortMultipartUpload need.
    public var uploadID: String

    public init(bucket: String? = nil, key: String? = nil, uploadID: String) {
        self.bucket = bucket
        self.key = key
        self.uploadID = uploadID
    }
}

/// One object listed by ListObjectsV2.
public struct S3ObjectSummary: Sendable, Equatable {
    public var key: String
    /// Size in bytes.
    public var size: Int64
    /// The ETag as S3 reports it, quotes included.
    public var eTag: String?
    /// ISO 8601 timestamp text, e.g. `2009-10-12T17:50:30.000Z`.
    public var lastModified: String?
    public var storageClass: String?

    public init(
        key: String, size: Int64, eTag: String? = nil, lastModified: String? = nil,
        storageClass: String? = nil
    ) {
        self.key = key
        self.size = size
        self.eTag = eTag
        self.lastModified = lastModified
        self.storageClass = storageClass
    }
}

/// One page of a ListObjectsV2 answer.
public struct S3ListBucketResult: Sendable, Equatable {
    public var name: String?
    public var prefix: String?
    public var keyCount: Int?
    public var objects: [S3ObjectSummary]
    /// Prefixes rolled up by a delimiter ("folders").
    public var commonPrefixes: [String]
    /// Whether more pages follow.
    public var isTruncated: Bool
    /// The token to pass as `continuationToken` for the next page.
    public var nextContinuationToken: String?

    public init(
        name: String? = nil, prefix: String? = nil, keyCount: Int? = nil,
        objects: [S3ObjectSummary] = [], commonPrefixes: [String] = [],
        isTruncated: Bool = false, nextContinuationToken: String? = nil
    ) {
        self.name = name
        self.prefix = prefix
        self.keyCount = keyCount
        self.objects = objects
        self.commonPrefixes = commonPrefixes
        self.isTruncated = isTruncated
        self.nextContinuationToken = nextContinuationToken
    }
}

/// The `Error` document S3 returns with a failed request.
public struct S3ErrorResponse: Error, Sendable, Equatable, CustomStringConvertible {
    /// The error code, e.g. `NoSuchKey` or `SignatureDoesNotMatch`.
    public var code: String
    public var message: String?
    public var resource: String?
    public var requestID: String?

    public init(code: String, message: String? = nil, resource: String? = nil, requestID: String? = nil) {
        self.code = code
        self.message = message
        self.resource = resource
        self.requestID = requestID
    }

    public var description: String {
        "S3 error \(code)" + (message.map { ": \($0)" } ?? "")
    }
}

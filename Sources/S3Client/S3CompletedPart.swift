/// One uploaded part, as listed when completing a multipart upload.
public struct S3CompletedPart: Sendable, Equatable {
    /// The part number, 1...10000.
    public var partNumber: Int
    /// The `ETag` header UploadPart answered, quotes included.
    public var eTag: String

    public init(partNumber: Int, eTag: String) {
        self.partNumber = partNumber
        self.eTag = eTag
    }
}

/// The outcome of an inspection that found nothing wrong: what the file really is and how many bytes it had.
///
/// Servers should store and serve the file with `mimeType`, not with the type the client declared.
public struct InspectionReport: Sendable, Equatable {
    /// The type decided from the file's bytes.
    public let detectedType: DetectedType
    /// The total number of bytes inspected.
    public let byteCount: Int

    /// Creates a report (mostly useful for callers' own tests).
    public init(detectedType: DetectedType, byteCount: Int) {
        self.detectedType = detectedType
        self.byteCount = byteCount
    }

    /// The canonical MIME type to serve the file with.
    public var mimeType: String { detectedType.rawValue }

    /// Checks the client's declared MIME type against what the file really is.
    ///
    /// - Throws: `InspectionError.typeMismatch` when `declared` is not compatible with `detectedType`
    ///   (see `DetectedType.accepts(declared:)`).
    public func requireDeclaredType(_ declared: String) throws {
        guard detectedType.accepts(declared: declared) else {
            throw InspectionError.typeMismatch(declared: declared, detected: detectedType)
        }
    }
}

/// Why an upload was refused. Every case has a `description` that can be shown to the person uploading.
///
/// Errors are thrown as soon as a problem is certain; once thrown, the same error is thrown again by every later
/// call on that `FileInspector`, so a verdict never changes.
public enum InspectionError: Error, Equatable, Sendable, CustomStringConvertible {
    /// The file has no bytes at all.
    case empty
    /// The file is larger than `InspectionPolicy.maxBytes`.
    case tooLarge(limit: Int)
    /// The detected type is not in `InspectionPolicy.allowedTypes`.
    case typeNotAllowed(DetectedType)
    /// The client declared a type that the content does not match (see `InspectionReport.requireDeclaredType`).
    case typeMismatch(declared: String, detected: DetectedType)
    /// The file is valid as two formats at once, a classic way to smuggle HTML, script or archives.
    case polyglot(String)
    /// The file contains content that can run code or carry other files (PDF JavaScript, Office macros...).
    case activeContent(String)
    /// The archive has more entries than `ArchiveLimits.maxEntries`.
    case archiveTooManyEntries(limit: Int)
    /// Decompressing the file produces more than `ArchiveLimits.maxExpandedBytes`.
    case archiveTooLarge(limit: Int)
    /// An archive entry expands far more than normal data does (`ArchiveLimits.maxRatio`).
    case archiveRatio(entry: String, ratio: Int)
    /// The archive contains archives nested deeper than `ArchiveLimits.maxDepth`.
    case archiveTooDeep(limit: Int)
    /// The archive is damaged, encrypted, or built to confuse archive readers.
    case archiveMalformed(String)
    /// An image header declares more pixels than `InspectionPolicy.maxImagePixels`.
    case imageTooLarge(pixels: Int, limit: Int)
    /// The file claims a format but its structure is broken.
    case malformed(String)

    public var description: String {
        switch self {
        case .empty:
            "The file is empty."
        case .tooLarge(let limit):
            "The file is larger than the limit of \(limit) bytes."
        case .typeNotAllowed(let type):
            "Files of type \(type.rawValue) are not accepted here."
        case .typeMismatch(let declared, let detected):
            "The file was declared as \(declared) but its content is \(detected.rawValue)."
        case .polyglot(let reason):
            "The file is refused because it is disguised as more than one format: \(reason)."
        case .activeContent(let reason):
            "The file is refused because it contains active content: \(reason)."
        case .archiveTooManyEntries(let limit):
            "The archive contains more than \(limit) files."
        case .archiveTooLarge(let limit):
            "The file's compressed content expands to more than \(limit) bytes."
        case .archiveRatio(let entry, let ratio):
            "The archive entry \"\(entry)\" expands \(ratio) times, which is typical of a decompression bomb."
        case .archiveTooDeep(let limit):
            "The archive contains archives nested more than \(limit) level(s) deep."
        case .archiveMalformed(let reason):
            "The archive is damaged or unsafe: \(reason)."
        case .imageTooLarge(let pixels, let limit):
            "The image has \(pixels) pixels, more than the limit of \(limit)."
        case .malformed(let reason):
            "The file is damaged: \(reason)."
        }
    }
}

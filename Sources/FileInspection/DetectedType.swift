/// The type of a file as decided from its bytes, never from its name or from what the client declared.
///
/// The raw value is the canonical MIME type, which is what a server should send back when it serves the file
/// (together with `X-Content-Type-Options: nosniff`), so that browsers treat the file as what it really is.
public enum DetectedType: String, Sendable, CaseIterable {
    case pdf = "application/pdf"
    case png = "image/png"
    case jpeg = "image/jpeg"
    case gif = "image/gif"
    case webp = "image/webp"
    case docx = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    case xlsx = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    case pptx = "application/vnd.openxmlformats-officedocument.presentationml.presentation"
    case zip = "application/zip"
    case text = "text/plain"
    case html = "text/html"
    case svg = "image/svg+xml"
    case xml = "application/xml"
    case unknown = "application/octet-stream"

    /// The types a ZIP container may turn out to be once its entry names are known.
    static let zipFamily: Set<DetectedType> = [.zip, .docx, .xlsx, .pptx]

    /// Whether this is a raster image format.
    ///
    /// SVG is deliberately not an image here: it is an XML document that can carry script, so it must never be
    /// accepted where a picture is expected.
    public var isImage: Bool {
        switch self {
        case .png, .jpeg, .gif, .webp: true
        default: false
        }
    }

    /// Whether a client's declared MIME type is compatible with the detected type.
    ///
    /// Parameters such as `; charset=utf-8` are ignored and the comparison is case-insensitive. Aliases that real
    /// clients send are accepted (`image/jpg`, `text/markdown` and `text/csv` for text, `application/x-zip-compressed`
    /// for ZIP). `application/octet-stream` is never accepted: a client must say what it uploads.
    public func accepts(declared: String) -> Bool {
        compatibleDeclarations.contains(Self.essence(of: declared))
    }

    /// The declared MIME types (lowercase, without parameters) that are compatible with this type.
    public var compatibleDeclarations: Set<String> {
        switch self {
        case .pdf: ["application/pdf", "application/x-pdf"]
        case .jpeg: ["image/jpeg", "image/jpg", "image/pjpeg"]
        case .zip: ["application/zip", "application/x-zip-compressed"]
        case .text: ["text/plain", "text/markdown", "text/csv"]
        case .xml: ["application/xml", "text/xml"]
        case .unknown: []
        case .png, .gif, .webp, .docx, .xlsx, .pptx, .html, .svg: [rawValue]
        }
    }

    /// The MIME type essence of a header value: lowercased, without parameters or surrounding whitespace.
    static func essence(of declared: String) -> String {
        var essence = declared.prefix { $0 != ";" }
        while essence.first?.isWhitespace == true { essence.removeFirst() }
        while essence.last?.isWhitespace == true { essence.removeLast() }
        return essence.lowercased()
    }
}

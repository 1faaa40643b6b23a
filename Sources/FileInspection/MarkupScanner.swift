/// Looks for HTML and script markup in files that should never contain any (images, PDF syntax).
///
/// Browsers that sniff content, PDF viewers and careless proxies can be talked into rendering such markup, which
/// makes "an image that is also a web page" a classic stored-XSS vehicle. Matching is case-insensitive and works
/// across chunk boundaries. Tags count only as an HTML parser would read them: `<script`, `<html`, `<iframe`,
/// `<svg` and `<body` followed by whitespace, `/` or `>`; `javascript:` counts on its own.
///
/// For images every byte is scanned, compressed pixel data included. Requiring the terminator keeps chance matches
/// rare: the weakest pattern, `<svg` plus a terminator, has a probability of about 5 × 10⁻¹¹ per random byte,
/// roughly one false alarm per 20 GB of image data. PDF stream bodies are skipped by `PDFScanner` instead.
struct MarkupScanner: Sendable {
    /// Tag openings that must be followed by a tag-terminating byte.
    static let tags = ["<script", "<html", "<iframe", "<svg", "<body"]
    /// Text that gives script away by itself.
    static let schemes = ["javascript:"]

    private var tagMatchers = tags.map { StreamMatcher($0, caseInsensitive: true) }
    private var schemeMatchers = schemes.map { StreamMatcher($0, caseInsensitive: true) }
    /// The tag that ended at the previous byte, waiting for its terminator.
    private var pendingTag: String?

    /// Feeds one byte.
    ///
    /// - Throws: `InspectionError.polyglot` when markup is complete at this byte.
    mutating func consume(_ byte: UInt8) throws {
        if let tag = pendingTag {
            pendingTag = nil
            if Self.isTagTerminator(byte) { throw Self.found(tag) }
        }
        for index in schemeMatchers.indices where schemeMatchers[index].consume(byte) {
            throw Self.found(schemeMatchers[index].text)
        }
        for index in tagMatchers.indices where tagMatchers[index].consume(byte) {
            pendingTag = tagMatchers[index].text
        }
    }

    /// Whitespace, `/` and `>` end a tag name for an HTML parser.
    private static func isTagTerminator(_ byte: UInt8) -> Bool {
        [0x09, 0x0A, 0x0C, 0x0D, 0x20, UInt8(ascii: "/"), UInt8(ascii: ">")].contains(byte)
    }

    private static func found(_ markup: String) -> InspectionError {
        .polyglot("it contains HTML or script markup (\"\(markup)\")")
    }
}

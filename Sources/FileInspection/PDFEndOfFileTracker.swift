/// Tracks the last `%%EOF` marker of a PDF and how much non-whitespace data follows it.
///
/// PDF readers stop at the last `%%EOF`, so anything after it is invisible to them but may be a complete second
/// file (a ZIP, an HTML page...) for another program: a polyglot. Incremental updates put new `%%EOF` markers after
/// older ones, so only what follows the final marker counts. A small allowance tolerates sloppy writers.
struct PDFEndOfFileTracker: Sendable {
    /// Non-whitespace bytes tolerated after the final `%%EOF`.
    static let trailingAllowance = 1024

    private var marker = StreamMatcher("%%EOF")
    private var sawMarker = false
    private var trailingBytes = 0

    /// Feeds bytes of the file, whatever part of the file they are in.
    mutating func consume(_ bytes: Bytes) {
        for byte in bytes {
            if marker.consume(byte) {
                sawMarker = true
                trailingBytes = 0
            } else if !PDFNameReader.isWhitespace(byte) {
                trailingBytes += 1
            }
        }
    }

    /// Called at the end of the file.
    ///
    /// - Throws: `InspectionError.malformed` without any `%%EOF` (a truncated file), or
    ///   `InspectionError.polyglot` when too much data follows the last one.
    func finish() throws {
        guard sawMarker else { throw InspectionError.malformed("the PDF has no %%EOF end marker") }
        if trailingBytes > Self.trailingAllowance {
            throw InspectionError.polyglot("there is data after the end of the PDF")
        }
    }
}

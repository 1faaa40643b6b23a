/// Decides a file's type from its first bytes: magic numbers for binary formats, and for text the shape of the
/// start of the file.
///
/// HTML is recognised with the WHATWG MIME Sniffing patterns, because those are what browsers use to decide to
/// render a file as a web page. SVG is any markup whose head mentions `<svg` (after an XML declaration, doctype
/// or comments), so that the root element cannot hide behind a long prologue within the head.
enum TypeSniffer {
    /// How many bytes are buffered before deciding.
    static let headSize = 4096

    /// WHATWG "tag-terminated" HTML patterns (matched case-insensitively, then followed by a space or `>`).
    private static let htmlPatterns = [
        "<!DOCTYPE HTML", "<HTML", "<HEAD", "<SCRIPT", "<IFRAME", "<H1", "<DIV", "<FONT", "<TABLE", "<A", "<STYLE",
        "<TITLE", "<B", "<BODY", "<BR", "<P", "<!--",
    ].map { Array($0.utf8) }

    private static let utf8ByteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]

    /// The binary format announced by the first bytes, or nil.
    static func binaryType(of head: [UInt8]) -> DetectedType? {
        if head.hasBytes([UInt8](ascii: "%PDF-")) { return .pdf }
        if head.hasBytes([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.hasBytes([0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.hasBytes([UInt8](ascii: "GIF87a")) || head.hasBytes([UInt8](ascii: "GIF89a")) { return .gif }
        if head.hasBytes([UInt8](ascii: "RIFF")) && head.hasBytes([UInt8](ascii: "WEBP"), at: 8) { return .webp }
        // An empty archive is nothing but its end record.
        if let signature = ZipSignature(head), signature == .localFile || signature == .endOfCentralDirectory {
            return .zip
        }
        return nil
    }

    /// The kind of a head already known to be valid text: HTML, SVG, XML, or plain text.
    static func textType(of head: [UInt8]) -> DetectedType {
        var start = head.hasBytes(utf8ByteOrderMark) ? utf8ByteOrderMark.count : 0
        while start < head.count && [0x09, 0x0A, 0x0C, 0x0D, 0x20].contains(head[start]) { start += 1 }
        let content = head[start...]
        if htmlPatterns.contains(where: { isTagTerminated($0, in: content) }) { return .html }
        if content.first == UInt8(ascii: "<") && content.containsText("<svg", caseInsensitive: true) { return .svg }
        if content.hasBytes([UInt8](ascii: "<?xml")) { return .xml }
        return .text
    }

    /// Whether `content` starts with `pattern` (ASCII case-insensitively) followed by a space or `>`.
    private static func isTagTerminated(_ pattern: [UInt8], in content: ArraySlice<UInt8>) -> Bool {
        guard content.count > pattern.count else { return false }
        let matches = zip(pattern, content).allSatisfy { StreamMatcher.lowercase($0) == StreamMatcher.lowercase($1) }
        let terminator = content[content.startIndex + pattern.count]
        return matches && (terminator == 0x20 || terminator == UInt8(ascii: ">"))
    }
}

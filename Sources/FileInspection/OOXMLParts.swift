/// Recognises Office Open XML documents (DOCX, XLSX, PPTX) among ZIP archives, and their macros.
///
/// An OOXML file is a ZIP whose `[Content_Types].xml` describes the parts and whose main part sits at a fixed
/// path. Part names are case-insensitive. Macros live in a `vbaProject.bin` part, which must also be declared in
/// `[Content_Types].xml` (content type `application/vnd.ms-office.vbaProject`, main part `...macroEnabled...`) and
/// linked from a relationship part (`.../relationships/vbaProject`), so all three are checked: renaming the part
/// does not hide it.
struct OOXMLParts: Sendable {
    /// The part that lists content types, lowercased.
    static let contentTypesPart = "[content_types].xml"
    /// Text in `[Content_Types].xml` and relationship parts that reveals macros (matched case-insensitively).
    static let macroMarkers = ["vbaProject", "macroEnabled", "vbaData"]

    private var hasContentTypes = false
    private var hasWordDocument = false
    private var hasWorkbook = false
    private var hasPresentation = false

    /// Records an entry of the top-level archive.
    mutating func record(_ name: ArchiveEntryName) {
        switch name.normalized {
        case Self.contentTypesPart: hasContentTypes = true
        case "word/document.xml": hasWordDocument = true
        case "xl/workbook.xml": hasWorkbook = true
        case "ppt/presentation.xml": hasPresentation = true
        default: break
        }
    }

    /// The type of the archive given the parts seen.
    var detectedType: DetectedType {
        guard hasContentTypes else { return .zip }
        if hasWordDocument { return .docx }
        if hasWorkbook { return .xlsx }
        if hasPresentation { return .pptx }
        return .zip
    }

    /// Whether an entry is a VBA macro project, in any folder.
    static func isMacroProject(_ name: ArchiveEntryName) -> Bool {
        name.normalizedBaseName == "vbaproject.bin"
    }

    /// Whether the entry's content is searched for `macroMarkers`: `[Content_Types].xml` and relationship parts.
    static func declaresParts(_ name: ArchiveEntryName) -> Bool {
        name.normalized == contentTypesPart || name.normalized.hasSuffix(".rels")
    }
}

/// Searches an XML part for `OOXMLParts.macroMarkers` however the XML spells them.
///
/// An XML reader decodes character references (`macro&#69;nabled`) and UTF-16, so the scanner does too, as far as
/// the markers need: NUL bytes (the other half of a UTF-16 ASCII character) are skipped, and a numeric character
/// reference for an ASCII character is matched as that character.
struct MacroMarkerScanner: Sendable {
    /// Longest character reference decoded (`&#x0000045;` and the like); longer ones are matched as written.
    private static let maxReferenceLength = 12

    private var matchers = OOXMLParts.macroMarkers.map { StreamMatcher($0, caseInsensitive: true) }
    /// The bytes of a character reference being read, from its `&`.
    private var reference: [UInt8] = []

    /// Feeds one byte; returns true when a marker ends at it.
    mutating func consume(_ byte: UInt8) -> Bool {
        let ampersand = UInt8(ascii: "&")
        if byte == 0 { return false }
        guard !reference.isEmpty else {
            if byte == ampersand {
                reference = [byte]
                return false
            }
            return match(byte)
        }
        if byte == ampersand || reference.count == Self.maxReferenceLength {
            // Not a reference after all: match the bytes as written.
            let written = reference
            reference = byte == ampersand ? [byte] : []
            let found = written.reduce(false) { found, next in match(next) || found }
            return byte == ampersand ? found : match(byte) || found
        }
        reference.append(byte)
        guard byte == UInt8(ascii: ";") else { return false }
        defer { reference.removeAll(keepingCapacity: true) }
        // A named reference (`&amp;`) stands for a character no marker contains.
        return match(Self.decode(reference) ?? 0xFF)
    }

    /// The ASCII character a numeric reference (`&#69;`, `&#x45;`) stands for, or nil.
    private static func decode(_ reference: [UInt8]) -> UInt8? {
        guard reference.count > 3, reference[1] == UInt8(ascii: "#") else { return nil }
        let hex = reference[2] == UInt8(ascii: "x") || reference[2] == UInt8(ascii: "X")
        let digits = reference.dropFirst(hex ? 3 : 2).dropLast()
        guard !digits.isEmpty, let value = UInt32(String(decoding: digits, as: UTF8.self), radix: hex ? 16 : 10),
            value < 0x80
        else { return nil }
        return UInt8(value)
    }

    private mutating func match(_ byte: UInt8) -> Bool {
        var found = false
        for index in matchers.indices where matchers[index].consume(byte) { found = true }
        return found
    }
}

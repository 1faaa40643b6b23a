/// Recognises Office Open XML documents (DOCX, XLSX, PPTX) among ZIP archives, and their macros.
///
/// An OOXML file is a ZIP whose `[Content_Types].xml` describes the parts and whose main part sits at a fixed
/// path. Part names are case-insensitive. Macros live in a `vbaProject.bin` part, which must also be declared in
/// `[Content_Types].xml` (content type `application/vnd.ms-office.vbaProject`, main part `...macroEnabled...`), so
/// both are checked: renaming the part does not hide it.
struct OOXMLParts: Sendable {
    /// The part that lists content types, lowercased.
    static let contentTypesPart = "[content_types].xml"
    /// Text in `[Content_Types].xml` that reveals macros (matched case-insensitively).
    static let macroMarkers = ["vbaProject", "macroEnabled"]

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

    /// Matchers for `macroMarkers`, used on the content of `[Content_Types].xml`.
    static func macroMatchers(for name: ArchiveEntryName) -> [StreamMatcher] {
        name.normalized == contentTypesPart ? macroMarkers.map { StreamMatcher($0, caseInsensitive: true) } : []
    }
}

/// A decoded PDF name (the text after `/`, with `#xx` escapes resolved).
struct PDFName: Sendable, Equatable {
    /// The decoded name; names too long to be interesting end with "…".
    let text: String

    /// The name, when it is one this module acts on.
    var known: PDFKnownName? { PDFKnownName(rawValue: text) }

    /// Refuses the name if it marks active content.
    ///
    /// - Parameter distinctiveOnly: only refuse names long enough never to appear by chance in binary data.
    /// - Throws: `InspectionError.activeContent` naming the PDF feature.
    func rejectActiveContent(distinctiveOnly: Bool = false) throws {
        guard let known, known.isActiveContent, !distinctiveOnly || known.isDistinctive else { return }
        throw InspectionError.activeContent("the PDF uses /\(known.rawValue)")
    }
}

/// The PDF names this module acts on: markers of active content, and the keys that describe a stream.
///
/// Active content covers everything that runs code or carries files: JavaScript actions and name trees (`/JavaScript`,
/// `/JS`), launching programs (`/Launch`), attachments (`/EmbeddedFile`, `/EmbeddedFiles`), Flash and 3D
/// (`/RichMedia`), XML forms that can carry scripts (`/XFA`), forms that send or load data (`/SubmitForm`,
/// `/ImportData`) and jumps into embedded documents (`/GoToE`).
enum PDFKnownName: String, Sendable {
    case javaScript = "JavaScript"
    case js = "JS"
    case launch = "Launch"
    case embeddedFile = "EmbeddedFile"
    case embeddedFiles = "EmbeddedFiles"
    case richMedia = "RichMedia"
    case xfa = "XFA"
    case submitForm = "SubmitForm"
    case importData = "ImportData"
    case goToE = "GoToE"
    case type = "Type"
    case objectStream = "ObjStm"
    case filter = "Filter"
    case decodeParameters = "DecodeParms"
    case first = "First"

    /// Whether the name marks active content.
    var isActiveContent: Bool {
        switch self {
        case .javaScript, .js, .launch, .embeddedFile, .embeddedFiles, .richMedia, .xfa, .submitForm, .importData,
            .goToE:
            true
        case .type, .objectStream, .filter, .decodeParameters, .first:
            false
        }
    }

    /// Whether the name is long enough to look for in binary stream data without false alarms: `/JS` and `/XFA`
    /// plus a delimiter are 4 and 5 bytes, which random compressed data contains every few hundred megabytes.
    var isDistinctive: Bool {
        isActiveContent && self != .js && self != .xfa
    }
}

/// What a stream's dictionary says about the stream's content.
struct StreamFacts: Sendable, Equatable {
    /// An object stream holds whole objects (dictionaries included) in compressed form.
    var isObjectStream = false
    /// The names of the declared filters, in order.
    var filters: [String] = []
    /// `/Filter` has a value that is not a name or an array of names (an indirect reference, say).
    var hasUnreadableFilter = false
    /// `/DecodeParms` is present (predictors would change the decoded bytes).
    var hasDecodeParameters = false

    /// Longest filter chain recorded; longer ones are unreadable (and keep memory bounded).
    static let maxFilters = 8

    /// Records the next filter of a `/Filter` array.
    mutating func addFilter(_ name: String) {
        if filters.count < Self.maxFilters { filters.append(name) } else { hasUnreadableFilter = true }
    }

    /// Checks that an object stream can be decoded here: no filter, or `FlateDecode` alone without parameters.
    ///
    /// - Throws: `InspectionError.activeContent`, because an object stream that cannot be read could hide anything.
    func requireDecodableObjectStream() throws {
        if hasUnreadableFilter {
            throw InspectionError.activeContent("an object stream with an indirect filter cannot be checked")
        }
        if filters.count > 1 || filters.contains(where: { $0 != "FlateDecode" && $0 != "Fl" }) {
            let chain = filters.joined(separator: " ")
            throw InspectionError.activeContent("an object stream with filter \(chain) cannot be checked")
        }
        if hasDecodeParameters {
            throw InspectionError.activeContent("an object stream with decode parameters cannot be checked")
        }
    }
}

/// Follows dictionary nesting in PDF syntax to learn what the stream after a dictionary contains.
///
/// Only the outermost dictionary matters, because a stream's dictionary is always a direct object. A stream counts
/// as an object stream when its dictionary says `/Type /ObjStm` or has a `/First` key: readers load compressed
/// objects from whatever stream the cross-reference data points to, so leaving out `/Type` must not hide one.
struct StreamDictionaryTracker: Sendable {
    private var depth = 0
    private var arrayDepth = 0
    private var facts = StreamFacts()
    private var key: PDFKnownName?
    private var awaitingValue = false
    private var readingFilterArray = false
    private var closedFacts: StreamFacts?

    /// Feeds one token; returns the facts of the dictionary just closed when the token is the `stream` keyword
    /// right after it (which starts a stream body).
    mutating func handle(_ token: PDFLexer.Token) -> StreamFacts? {
        if case .embeddedName = token { return nil }
        let closed = closedFacts
        closedFacts = nil
        switch token {
        case .streamKeyword:
            return closed
        case .dictionaryStart:
            if depth == 1 { handleOtherValue() }
            depth += 1
            if depth == 1 { (facts, arrayDepth, awaitingValue, readingFilterArray) = (StreamFacts(), 0, false, false) }
        case .dictionaryEnd:
            if depth == 1 { closedFacts = facts }
            depth = max(0, depth - 1)
        case .arrayStart where depth == 1:
            if arrayDepth == 0 && awaitingValue {
                readingFilterArray = key == .filter
                awaitingValue = false
            }
            arrayDepth += 1
        case .arrayEnd where depth == 1:
            arrayDepth = max(0, arrayDepth - 1)
            if arrayDepth == 0 { readingFilterArray = false }
        case .name(let name) where depth == 1:
            handleName(name)
        case .value where depth == 1:
            handleOtherValue()
        default:
            break
        }
        return nil
    }

    private mutating func handleName(_ name: PDFName) {
        if arrayDepth > 0 {
            if readingFilterArray && arrayDepth == 1 { facts.addFilter(name.text) }
        } else if awaitingValue {
            awaitingValue = false
            if key == .type && name.known == .objectStream { facts.isObjectStream = true }
            if key == .filter { facts.filters = [name.text] }
        } else {
            key = name.known
            awaitingValue = true
            if key == .first { facts.isObjectStream = true }
            if key == .decodeParameters { facts.hasDecodeParameters = true }
        }
    }

    /// A value that is not a name: fine for most keys, unreadable for `/Filter`.
    private mutating func handleOtherValue() {
        if arrayDepth > 0 {
            if readingFilterArray { facts.hasUnreadableFilter = true }
        } else if awaitingValue {
            awaitingValue = false
            if key == .filter { facts.hasUnreadableFilter = true }
        }
    }
}

/// Replaces personal data in text with placeholders before it is sent to an AI
/// provider.
///
/// One `Redactor` is meant for one conversation: ``redact(_:)`` can be called for each
/// message in order and shares one ``mapping``, so the same value always gets the same
/// placeholder across messages.
///
/// ```swift
/// var redactor = Redactor(known: [KnownValue("Anna Schmidt", label: "name")])
/// let prompt = redactor.redact("Anna Schmidt, anna@example.com, +49 30 1234567")
/// // "[NAME_1], [EMAIL_1], [PHONE_1]"
/// let answer = redactor.mapping.restore("Dear [NAME_1], …")
/// ```
///
/// Detected: e-mail addresses, phone numbers, payment cards (Luhn-checked), IBANs
/// (mod-97-checked) and the caller's ``KnownValue``s. When candidates overlap, known
/// values win, then e-mail/card/IBAN, then phone; within the same precedence the
/// earliest and then longest match wins. Placeholders are numbered per label from 1;
/// a placeholder-shaped token already present in an input (e.g. a literal `[EMAIL_1]`)
/// is never handed out, so restoring cannot turn it into personal data; and a literal
/// copy of a placeholder handed out earlier is itself re-encoded with a new placeholder,
/// so `mapping.restore(redact(x)) == x` holds across a whole conversation.
public struct Redactor: Sendable {
    private let knownMatcher: KnownValueMatcher
    private var placeholderByValue: [String: String] = [:]
    private var lastNumberByLabel: [String: Int] = [:]
    private var reservedPlaceholders: Set<String> = []

    /// The placeholders handed out so far and the counts per kind.
    public private(set) var mapping = RedactionMapping()

    /// Creates a redactor.
    /// - Parameter known: Values to redact wherever they appear, with their labels.
    public init(known: [KnownValue] = []) {
        knownMatcher = KnownValueMatcher(known)
    }

    /// Redacts `text`, extending ``mapping`` with any new values.
    /// - Returns: `text` with every detected value replaced by its placeholder.
    public mutating func redact(_ text: String) -> String {
        let scan = ScanText(text)
        var escapes: [PIIMatch] = []
        for token in PlaceholderSyntax.placeholderShapedTokens(in: scan.chars) {
            let literal = scan.string(token.range)
            reservedPlaceholders.insert(literal)
            if mapping.contains(literal) {
                escapes.append(
                    PIIMatch(
                        range: token.range, kind: nil, label: token.label,
                        canonical: "\u{1}" + literal))
            }
        }
        let matches = findMatches(in: scan, escapes: escapes)
        guard !matches.isEmpty else { return text }
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var cursor = 0
        for match in matches {
            output.append(contentsOf: scan.chars[cursor..<match.range.lowerBound])
            output.append(placeholder(for: match, original: scan.string(match.range)))
            cursor = match.range.upperBound
        }
        output.append(contentsOf: scan.chars[cursor...])
        return output
    }

    private func findMatches(in scan: ScanText, escapes: [PIIMatch]) -> [PIIMatch] {
        let known = knownMatcher.matches(in: scan)
        let strong =
            EmailDetector.matches(in: scan) + CardDetector.matches(in: scan)
            + IBANDetector.matches(in: scan)
        let phones = PhoneDetector.matches(in: scan)
        return MatchResolver.resolve(
            escapes: escapes, known: known, patternTiers: [strong, phones], textLength: scan.count)
    }

    private mutating func placeholder(for match: PIIMatch, original: String) -> String {
        if let kind = match.kind { mapping.count(kind) }
        let key = match.label + "\u{0}" + match.canonical
        if let existing = placeholderByValue[key] { return existing }
        var number = lastNumberByLabel[match.label, default: 0]
        var candidate: String
        repeat {
            number += 1
            candidate = PlaceholderSyntax.placeholder(label: match.label, number: number)
        } while reservedPlaceholders.contains(candidate) || mapping.contains(candidate)
        lastNumberByLabel[match.label] = number
        placeholderByValue[key] = candidate
        mapping.placeholders[candidate] = original
        return candidate
    }
}

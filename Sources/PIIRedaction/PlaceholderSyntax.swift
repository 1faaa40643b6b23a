/// The textual form of placeholders: `[LABEL_N]`, e.g. `[EMAIL_1]` or `[NAME_2]`.
enum PlaceholderSyntax {
    /// The label used when a caller-supplied label has no letters or digits.
    static let fallbackLabel = "KNOWN"

    /// The longest placeholder-looking token considered by ``placeholderShapedTokens(in:)``.
    static let maximumTokenLength = 80

    /// Normalises a caller-supplied label: uppercased, non-alphanumerics removed.
    static func label(from raw: String) -> String {
        let cleaned = String(raw.uppercased().filter(CharacterClass.isAlphanumeric))
        return cleaned.isEmpty ? fallbackLabel : cleaned
    }

    /// The placeholder for the `number`-th distinct value with `label`.
    static func placeholder(label: String, number: Int) -> String {
        "[\(label)_\(number)]"
    }

    /// Whether `inner` (the text between the brackets) has the shape `LABEL_N`:
    /// letters or digits, an underscore, then ASCII digits.
    static func isPlaceholderShaped(inner: ArraySlice<Character>) -> Bool {
        guard let underscore = inner.lastIndex(of: "_") else { return false }
        let label = inner[inner.startIndex..<underscore]
        let number = inner[(underscore + 1)...]
        return !label.isEmpty && !number.isEmpty
            && label.allSatisfy(CharacterClass.isAlphanumeric)
            && number.allSatisfy(CharacterClass.isDigit)
    }

    /// Every placeholder-shaped token (`[LABEL_N]`) in `chars`, with its label.
    ///
    /// ``Redactor`` never hands out a placeholder that already occurs in its input, so
    /// restoring never turns such pre-existing text into somebody's personal data; a
    /// literal copy of a placeholder it handed out earlier is re-encoded instead.
    static func placeholderShapedTokens(in chars: [Character]) -> [(range: Range<Int>, label: String)] {
        var tokens: [(range: Range<Int>, label: String)] = []
        var index = 0
        while index < chars.count {
            defer { index += 1 }
            guard chars[index] == "[" else { continue }
            var close = index + 1
            let limit = min(chars.count, index + maximumTokenLength)
            while close < limit, chars[close] != "]", chars[close] != "[" { close += 1 }
            let inner = chars[min(index + 1, close)..<close]
            guard close < limit, chars[close] == "]", isPlaceholderShaped(inner: inner),
                let underscore = inner.lastIndex(of: "_")
            else { continue }
            tokens.append((index..<(close + 1), String(inner[inner.startIndex..<underscore])))
            index = close
        }
        return tokens
    }
}

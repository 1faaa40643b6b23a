/// Finds the placeholders of one mapping in text, for one-shot and streamed restoring.
///
/// Only strings that are keys of the mapping are ever replaced; anything else that
/// merely looks like a placeholder is left untouched.
struct PlaceholderLookup: Sendable {
    /// The outcome of looking for a placeholder at one position.
    enum Match: Equatable {
        /// A complete placeholder of `length` characters that restores to `value`.
        case complete(length: Int, value: String)
        /// The rest of the text is a proper prefix of some placeholder.
        case partial
        /// No placeholder starts here.
        case none
    }

    private let values: [String: String]
    private let prefixes: Set<String>
    private let firstCharacters: Set<Character>
    private let maximumLength: Int

    /// Indexes the placeholders (keys) of `placeholders`; empty keys are ignored.
    init(_ placeholders: [String: String]) {
        var values: [String: String] = [:]
        var prefixes = Set<String>()
        var firstCharacters = Set<Character>()
        var maximumLength = 0
        for (key, value) in placeholders where !key.isEmpty {
            let characters = Array(key)
            values[key] = value
            firstCharacters.insert(characters[0])
            maximumLength = max(maximumLength, characters.count)
            var prefix = ""
            for character in characters.dropLast() {
                prefix.append(character)
                prefixes.insert(prefix)
            }
        }
        self.values = values
        self.prefixes = prefixes
        self.firstCharacters = firstCharacters
        self.maximumLength = maximumLength
    }

    /// Looks for a placeholder starting at `start`.
    ///
    /// Returns ``Match/partial`` only when every character from `start` to the end of
    /// `chars` is a prefix of some placeholder, so a caller holding back on `.partial`
    /// holds back nothing but a possible placeholder prefix.
    func match(_ chars: [Character], at start: Int) -> Match {
        guard start < chars.count, firstCharacters.contains(chars[start]) else { return .none }
        var token = ""
        var index = start
        while index < chars.count, index - start < maximumLength {
            token.append(chars[index])
            if let value = values[token] {
                return .complete(length: index - start + 1, value: value)
            }
            guard prefixes.contains(token) else { return .none }
            index += 1
        }
        return index == chars.count ? .partial : .none
    }

    /// `text` with every complete placeholder replaced by its original value.
    func restore(_ text: String) -> String {
        guard !values.isEmpty else { return text }
        let chars = Array(text)
        var output = ""
        output.reserveCapacity(text.utf8.count)
        var index = 0
        while index < chars.count {
            if case .complete(let length, let value) = match(chars, at: index) {
                output.append(value)
                index += length
            } else {
                output.append(chars[index])
                index += 1
            }
        }
        return output
    }
}

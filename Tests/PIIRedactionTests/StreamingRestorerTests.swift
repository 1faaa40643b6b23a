import Testing
@testable import PIIRedaction

@Suite struct StreamingRestorerTests {
    static let mapping = RedactionMapping(placeholders: [
        "[NAME_1]": "Anna Schmidt", "[EMAIL_1]": "anna@example.com",
        "[EMAIL_12]": "zoë@example.org", "[CARD_1]": "4111 1111 1111 1111",
    ])
    static let answer =
        "Dear [NAME_1] 👩‍💻, we wrote to [EMAIL_1] and [EMAIL_12]; card [CARD_1] ok. [EMAIL_9] [x] [[NAME_1]] end ["
    static let expected =
        "Dear Anna Schmidt 👩‍💻, we wrote to anna@example.com and zoë@example.org; card 4111 1111 1111 1111 ok. [EMAIL_9] [x] [Anna Schmidt] end ["

    /// Feeds `chunks`, checking after each feed that nothing emitted is ever retracted.
    private func stream(_ chunks: [String]) -> String {
        var restorer = StreamingRestorer(mapping: Self.mapping)
        var emitted = ""
        for chunk in chunks {
            emitted += restorer.feed(chunk)
            // Compared by scalars: a chunk may end inside a grapheme such as 👩‍💻.
            #expect(
                Self.expected.unicodeScalars.starts(with: emitted.unicodeScalars),
                "emitted \(emitted.debugDescription)")
        }
        return emitted + restorer.finish()
    }

    @Test func oneShotMatchesExpectation() {
        #expect(Self.mapping.restore(Self.answer) == Self.expected)
        #expect(stream([Self.answer]) == Self.expected)
    }

    @Test func everySplitIntoTwoChunks() {
        let scalars = Array(Self.answer.unicodeScalars)
        for cut in 0...scalars.count {
            var head = String.UnicodeScalarView()
            head.append(contentsOf: scalars[..<cut])
            var tail = String.UnicodeScalarView()
            tail.append(contentsOf: scalars[cut...])
            let result = stream([String(head), String(tail)])
            #expect(result == Self.expected, "split at scalar \(cut)")
        }
    }

    @Test func oneCharacterAtATime() {
        #expect(stream(Self.answer.map { String($0) }) == Self.expected)
    }

    @Test func holdsBackOnlyPossiblePlaceholderPrefixes() {
        var restorer = StreamingRestorer(mapping: Self.mapping)
        #expect(restorer.feed("Hi [NA") == "Hi ")
        #expect(restorer.feed("ME_1") == "")
        #expect(restorer.feed("], [EMAIL_1") == "Anna Schmidt, ")
        #expect(restorer.feed("2] x") == "zoë@example.org x")
        #expect(restorer.feed(" [EMAIL_9") == " [EMAIL_9")
        #expect(restorer.feed(" [y") == " [y")
        #expect(restorer.finish() == "")
    }

    @Test func loneBracketIsEmittedVerbatimByFinish() {
        var restorer = StreamingRestorer(mapping: Self.mapping)
        #expect(restorer.feed("Total [") == "Total ")
        #expect(restorer.finish() == "[")
        #expect(restorer.finish() == "")
    }

    @Test func incompletePlaceholderIsEmittedVerbatimByFinish() {
        var restorer = StreamingRestorer(mapping: Self.mapping)
        #expect(restorer.feed("see [EMAIL_") == "see ")
        #expect(restorer.feed("1") == "")
        #expect(restorer.finish() == "[EMAIL_1")
    }

    @Test func emptyMappingNeverHoldsBack() {
        var restorer = StreamingRestorer(mapping: RedactionMapping())
        #expect(restorer.feed("abc [EMAIL_") == "abc [EMAIL_")
        #expect(restorer.finish() == "")
    }
}

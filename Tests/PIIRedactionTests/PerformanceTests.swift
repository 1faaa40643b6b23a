import Testing
@testable import PIIRedaction

@Suite struct PerformanceTests {
    /// About 100 KB mixing ordinary prose, real values and inputs that would make a
    /// backtracking matcher explode.
    static func largeText() -> String {
        var parts: [String] = []
        var size = 0
        var round = 0
        while size < 100_000 {
            let piece: String
            switch round % 6 {
            case 0: piece = Samples.mixed
            case 1: piece = String(repeating: "a", count: 2_000) + "@" + String(repeating: "b.", count: 500)
            case 2: piece = String(repeating: "1-", count: 800) + String(repeating: "2 ", count: 800)
            case 3: piece = String(repeating: "[EMAIL_", count: 300) + String(repeating: "@.", count: 400)
            case 4: piece = String(repeating: "4111 ", count: 400) + String(repeating: "DE89 ", count: 300)
            default: piece = String(repeating: "Anna Annual ", count: 150) + String(repeating: "9", count: 1_500)
            }
            parts.append(piece)
            size += piece.utf8.count
            round += 1
        }
        return parts.joined(separator: "\n")
    }

    @Test func redactsHundredKilobytes() {
        let text = Self.largeText()
        #expect(text.utf8.count >= 100_000)
        var redactor = Redactor(known: Samples.known)
        let redacted = redactor.redact(text)
        #expect(redactor.mapping.countsByKind[.card, default: 0] > 0)
        #expect(redactor.mapping.countsByKind[.phone, default: 0] > 0)
        #expect(redactor.mapping.restore(redacted) == text)

        var restorer = StreamingRestorer(mapping: redactor.mapping)
        var streamed = ""
        var chunk = ""
        for character in redacted {
            chunk.append(character)
            if chunk.count == 7 {
                streamed += restorer.feed(chunk)
                chunk = ""
            }
        }
        streamed += restorer.feed(chunk) + restorer.finish()
        #expect(streamed == text)
    }
}

@testable import OpenAICompat
import Testing

@Suite struct JSONWhitespaceTests {
    @Test(arguments: [
        (" \t{\"a\":1}\r\n", "{\"a\":1}"),
        ("[DONE]", "[DONE]"),
        ("\n\n", ""),
        ("", ""),
        ("  café\u{301} ", "café\u{301}"),  // a combining mark last: kept whole
        ("\u{00A0}x\u{00A0}", "\u{00A0}x\u{00A0}"),  // not JSON whitespace: kept
        ("日本語\n", "日本語"),
    ])
    func onlyJSONWhitespaceIsTrimmed(_ text: String, _ expected: String) {
        #expect(String(text.trimmingJSONWhitespace) == expected)
    }
}

import FileInspection
import Testing

@Suite struct TextTests {
    let textOnly = InspectionPolicy.only(.text)

    @Test func multibyteCharacterSplitAcrossChunksIsValid() {
        // "é" is C3 A9; every split point of a 4-byte emoji too.
        #expect(inspect(chunks: [[UInt8]("caf")[...] + [0xC3], [0xA9, 0x21]], policy: textOnly) == .accepted(.text))
        let emoji: [UInt8] = [0xF0, 0x9F, 0x8E, 0x89]
        for split in 1..<4 {
            let chunks = [[UInt8]("party ") + emoji.prefix(split), Array(emoji.dropFirst(split))]
            #expect(inspect(chunks: chunks.map { $0[...] }, policy: textOnly) == .accepted(.text))
        }
    }

    @Test func invalidSequenceSplitAcrossChunksIsCaught() {
        // C3 must be followed by a continuation byte, not "(".
        let chunks: [ArraySlice<UInt8>] = [[UInt8]("caf")[...] + [0xC3], [0x28, 0x21]]
        #expect(inspect(chunks: chunks, policy: textOnly) == .refused(.typeNotAllowed(.unknown)))
        #expect(inspect(chunks: chunks, policy: .permissive) == .accepted(.unknown))
    }

    @Test(arguments: [
        [0xC0, 0x80] as [UInt8],  // overlong NUL
        [0xE0, 0x80, 0xAF],  // overlong "/"
        [0xED, 0xA0, 0x80],  // UTF-16 surrogate
        [0xF4, 0x90, 0x80, 0x80],  // above U+10FFFF
        [0xFF],  // never valid
        [0x41, 0x00, 0x42],  // NUL
        [0x41, 0x07],  // bell
        [0x41, 0xE2, 0x82],  // truncated at end of file
    ])
    func invalidTextIsNotText(_ bytes: [UInt8]) {
        #expect(verdict([UInt8]("text ") + bytes, policy: textOnly) == .refused(.typeNotAllowed(.unknown)))
    }

    @Test func controlCharactersThatTextUsesAreFine() {
        #expect(verdict([UInt8]("a\tb\nc\r\nd\u{0C}e"), policy: textOnly) == .accepted(.text))
    }

    @Test func invalidByteAfterTheHeadIsRefusedDuringUpdate() throws {
        var inspector = FileInspector(policy: textOnly)
        try inspector.update([UInt8](String(repeating: "plain text ", count: 500)))
        #expect(throws: InspectionError.typeNotAllowed(.unknown)) { try inspector.update([0xFF]) }
    }
}

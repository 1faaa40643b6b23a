@testable import SMTPClient
import Testing

/// The reply reader on its own, without a server: framing, multi-line replies and the memory limits.
@Suite struct SMTPReplyParserTests {
    static func replies(_ text: String, chunkSize: Int = .max) throws -> [SMTPResponse] {
        var parser = SMTPReplyParser()
        let bytes = Array(text.utf8)
        var replies: [SMTPResponse] = []
        for start in stride(from: 0, to: bytes.count, by: max(1, min(chunkSize, bytes.count))) {
            replies += try parser.feed(bytes[start..<min(bytes.count, start + chunkSize)])
        }
        return replies
    }

    @Test(arguments: [1, 2, 7, Int.max])
    func multiLineRepliesWhateverTheChunking(chunkSize: Int) throws {
        let text = "220 mail.example.com ESMTP\r\n250-mail.example.com\r\n250-STARTTLS\r\n250 AUTH PLAIN LOGIN\r\n354\n"
        #expect(
            try Self.replies(text, chunkSize: chunkSize) == [
                SMTPResponse(code: 220, lines: ["mail.example.com ESMTP"]),
                SMTPResponse(code: 250, lines: ["mail.example.com", "STARTTLS", "AUTH PLAIN LOGIN"]),
                SMTPResponse(code: 354, lines: [""]),
            ])
    }

    @Test func anUnfinishedReplyIsHeld() throws {
        var parser = SMTPReplyParser()
        #expect(try parser.feed(Array("250-first\r\n250 la".utf8)).isEmpty)
        #expect(parser.hasIncompleteReply)
        #expect(try parser.feed(Array("st\r\n".utf8)) == [SMTPResponse(code: 250, lines: ["first", "last"])])
        #expect(!parser.hasIncompleteReply)
    }

    @Test(arguments: ["+25 ok\r\n", "-12 ok\r\n", " 25 ok\r\n", "OK\r\n", "\r\n", "2\u{0}0 x\r\n"])
    func malformedCodes(_ text: String) {
        #expect(throws: SMTPError.self) { try Self.replies(text) }
    }

    @Test func overlongLineIsRefusedBeforeItsEnd() {
        var parser = SMTPReplyParser()
        #expect(throws: SMTPError.malformedReply("line too long")) {
            try parser.feed([UInt8](repeating: UInt8(ascii: "2"), count: SMTPReplyParser.maximumLineLength + 1))
        }
        // The parser stays failed: a later reply is not read from the middle of a broken one.
        #expect(throws: SMTPError.malformedReply("line too long")) { try parser.feed(Array("250 ok\r\n".utf8)) }
    }

    @Test func endlessMultiLineReplyIsRefused() {
        let text = String(repeating: "250-more\r\n", count: SMTPReplyParser.maximumLines + 1)
        #expect(throws: SMTPError.malformedReply("reply too long")) { try Self.replies(text) }
    }
}

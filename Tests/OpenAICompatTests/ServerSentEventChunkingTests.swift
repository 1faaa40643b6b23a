import Foundation
import Testing
@testable import OpenAICompat

/// Chunk boundaries and size limits of ``ServerSentEventParser``.
@Suite struct ServerSentEventChunkingTests {
    static let sample =
        "\u{FEFF}: keep-alive\r\n\r\nevent: delta\r\nid: 42\r\ndata: h€llo\r\ndata:  🙂 wörld\r\n\r\n"
        + "data: second\rdata\r\rretry: 10\ndata: {\"a\":\"ü\"}\n\ndata: [DONE]\n\ndata: dropped"

    static let expected: [ServerSentEvent] = [
        ServerSentEvent(event: "delta", data: "h€llo\n 🙂 wörld", id: "42"),
        ServerSentEvent(event: nil, data: "second\n", id: "42"),
        ServerSentEvent(event: nil, data: "{\"a\":\"ü\"}", id: "42"),
        ServerSentEvent(event: nil, data: "[DONE]", id: "42"),
    ]

    @Test func wholeStreamInOneChunk() throws {
        #expect(try TestSupport.parse(Self.sample) == Self.expected)
    }

    @Test func byteByByte() throws {
        let bytes = TestSupport.bytes(Self.sample)
        #expect(try TestSupport.parse(chunks: bytes.map { [$0] }) == Self.expected)
    }

    @Test func everyTwoWaySplit() throws {
        let bytes = TestSupport.bytes(Self.sample)
        for split in 0...bytes.count {
            let events = try TestSupport.parse(chunks: [Array(bytes[..<split]), Array(bytes[split...])])
            #expect(events == Self.expected, "split at byte \(split)")
        }
    }

    @Test func everyThreeWaySplitOfShortStream() throws {
        let bytes = TestSupport.bytes("data: €🙂\r\n\r\ndata: b\r\r")
        let expected = [ServerSentEvent(data: "€🙂"), ServerSentEvent(data: "b")]
        for first in 0...bytes.count {
            for second in first...bytes.count {
                let chunks = [Array(bytes[..<first]), Array(bytes[first..<second]), Array(bytes[second...])]
                #expect(try TestSupport.parse(chunks: chunks) == expected, "splits \(first), \(second)")
            }
        }
    }

    @Test func multiByteCharacterSplitAcrossChunks() throws {
        var parser = ServerSentEventParser()
        let euro: [UInt8] = [0xE2, 0x82, 0xAC]
        let smile: [UInt8] = [0xF0, 0x9F, 0x99, 0x82]
        #expect(try parser.feed(TestSupport.bytes("data: 5") + euro.prefix(1)) == [])
        #expect(try parser.feed(euro.dropFirst() + smile.prefix(3)) == [])
        #expect(try parser.feed(smile.suffix(1) + TestSupport.bytes("\n\n")) == [ServerSentEvent(data: "5€🙂")])
    }

    @Test func carriageReturnAndLineFeedInSeparateChunks() throws {
        #expect(
            try TestSupport.parse(chunks: [
                TestSupport.bytes("data: a\r"), TestSupport.bytes("\ndata: b\r\n\r"), TestSupport.bytes("\n"),
            ])
                == [ServerSentEvent(data: "a\nb")])
        #expect(
            try TestSupport.parse(chunks: [TestSupport.bytes("data: a\r"), [], TestSupport.bytes("\r")])
                == [ServerSentEvent(data: "a")])
    }

    @Test func lineAtTheLimitIsAccepted() throws {
        let line = "data: " + String(repeating: "x", count: 10)
        #expect(line.utf8.count == 16)
        #expect(
            try TestSupport.parse(chunks: [TestSupport.bytes(line + "\n\n")], maxEventBytes: 16)
                == [ServerSentEvent(data: String(repeating: "x", count: 10))])
    }

    @Test func overlongLineThrowsEvenBeforeItEnds() {
        var parser = ServerSentEventParser(maxEventBytes: 16)
        #expect(throws: OpenAICompatError.eventTooLarge) {
            _ = try parser.feed(TestSupport.bytes("data: " + String(repeating: "x", count: 11)))
        }
        #expect(throws: OpenAICompatError.eventTooLarge) {
            _ = try parser.feed(TestSupport.bytes("\n\n"))
        }
        _ = parser.finish()
        #expect(throws: Never.self) { _ = try parser.feed(TestSupport.bytes("data: ok\n\n")) }
    }

    @Test func overlongEventAcrossManyLinesThrows() {
        var parser = ServerSentEventParser(maxEventBytes: 16)
        #expect(throws: OpenAICompatError.eventTooLarge) {
            for _ in 0..<10 {
                _ = try parser.feed(TestSupport.bytes("data: abc\n"))
            }
        }
    }

    @Test func commentsDoNotCountTowardsTheEventLimit() throws {
        var parser = ServerSentEventParser(maxEventBytes: 16)
        var events: [ServerSentEvent] = []
        for _ in 0..<10 {
            events += try parser.feed(TestSupport.bytes(": keep-alive\n"))
        }
        events += try parser.feed(TestSupport.bytes("data: x\n\n"))
        #expect(events == [ServerSentEvent(data: "x")])
    }
}

import Foundation
import Testing
@testable import OpenAICompat

/// The examples of the WHATWG HTML "Server-sent events" section plus the
/// individual parsing rules.
@Suite struct ServerSentEventParserTests {
    @Test func whatwgStockExampleJoinsDataLines() throws {
        #expect(try TestSupport.parse("data: YHOO\ndata: +2\ndata: 10\n\n") == [ServerSentEvent(data: "YHOO\n+2\n10")])
    }

    @Test func whatwgCommentAndIDExample() throws {
        let stream = ": test stream\n\ndata: first event\nid: 1\n\ndata:second event\nid\n\ndata:  third event\n\n"
        #expect(
            try TestSupport.parse(stream) == [
                ServerSentEvent(data: "first event", id: "1"),
                ServerSentEvent(data: "second event", id: nil),
                ServerSentEvent(data: " third event", id: nil),
            ])
    }

    @Test func whatwgEmptyDataExample() throws {
        #expect(
            try TestSupport.parse("data\n\ndata\ndata\n\ndata:") == [
                ServerSentEvent(data: ""),
                ServerSentEvent(data: "\n"),
            ])
    }

    @Test func whatwgSpaceAfterColonIsOptional() throws {
        #expect(
            try TestSupport.parse("data:test\n\ndata: test\n\n") == [
                ServerSentEvent(data: "test"),
                ServerSentEvent(data: "test"),
            ])
    }

    @Test func whatwgEventTypeExample() throws {
        let stream = "event: add\ndata: 73857293\n\nevent: remove\ndata: 2153\n\nevent: add\ndata: 113411\n\n"
        #expect(
            try TestSupport.parse(stream) == [
                ServerSentEvent(event: "add", data: "73857293"),
                ServerSentEvent(event: "remove", data: "2153"),
                ServerSentEvent(event: "add", data: "113411"),
            ])
    }

    @Test func onlyOneLeadingSpaceIsStripped() throws {
        let events = try TestSupport.parse("data:   three\nevent:  spaced\n\n")
        #expect(events == [ServerSentEvent(event: " spaced", data: "  three")])
        #expect(events.first?.type == " spaced")
    }

    @Test func fieldWithoutColonHasEmptyValue() throws {
        #expect(try TestSupport.parse("event: x\nevent\ndata\n\n") == [ServerSentEvent(event: nil, data: "")])
    }

    @Test func commentsAndUnknownFieldsAreIgnored() throws {
        let stream = ": OPENROUTER PROCESSING\n\n:\ndata: a\n: inside\nfoo: bar\nData: no\ndata : no\n\n"
        let events = try TestSupport.parse(stream)
        #expect(events == [ServerSentEvent(data: "a")])
        #expect(events.first?.type == "message")
    }

    @Test func allLineEndingsAreAccepted() throws {
        let stream = "data: crlf\r\ndata: two\r\n\r\ndata: cr\r\rdata: lf\n\ndata: mixed\r\n\n"
        #expect(
            try TestSupport.parse(stream) == [
                ServerSentEvent(data: "crlf\ntwo"),
                ServerSentEvent(data: "cr"),
                ServerSentEvent(data: "lf"),
                ServerSentEvent(data: "mixed"),
            ])
    }

    @Test func leadingByteOrderMarkIsIgnoredOnlyAtStreamStart() throws {
        #expect(try TestSupport.parse("\u{FEFF}data: x\n\n") == [ServerSentEvent(data: "x")])
        #expect(try TestSupport.parse("\u{FEFF}\u{FEFF}data: x\n\n").isEmpty)
        #expect(try TestSupport.parse("data: a\n\n\u{FEFF}data: b\n\n") == [ServerSentEvent(data: "a")])
        #expect(
            try TestSupport.parse(chunks: [[0xEF], [0xBB], [0xBF, 0x64], Array("ata: y\n\n".utf8)])
                == [ServerSentEvent(data: "y")])
    }

    @Test func lastEventIDPersistsAndCanBeReset() throws {
        let stream = "id: 7\ndata: a\n\ndata: b\n\nid: 8\u{0}x\ndata: c\n\nid:\ndata: d\n\n"
        #expect(
            try TestSupport.parse(stream) == [
                ServerSentEvent(data: "a", id: "7"),
                ServerSentEvent(data: "b", id: "7"),
                ServerSentEvent(data: "c", id: "7"),
                ServerSentEvent(data: "d", id: nil),
            ])
    }

    @Test func eventWithoutDataDispatchesNothingAndResetsType() throws {
        #expect(try TestSupport.parse("event: ping\n\ndata: x\n\n") == [ServerSentEvent(data: "x")])
    }

    @Test func retryFieldIsParsed() throws {
        var parser = ServerSentEventParser()
        _ = try parser.feed(TestSupport.bytes("retry: 1500\n\n"))
        #expect(parser.retryMilliseconds == 1500)
        _ = try parser.feed(TestSupport.bytes("retry: 2s\nretry:\n\n"))
        #expect(parser.retryMilliseconds == 1500)
    }

    @Test func finishDropsUnterminatedEvent() throws {
        var parser = ServerSentEventParser()
        #expect(
            try parser.feed(TestSupport.bytes("data: complete\n\ndata: partial\n")) == [
                ServerSentEvent(data: "complete")
            ])
        #expect(parser.hasIncompleteEvent)
        #expect(parser.finish() == [])
        #expect(!parser.hasIncompleteEvent)
        #expect(try parser.feed(TestSupport.bytes("\n")) == [])
        #expect(try parser.feed(TestSupport.bytes("data: next\n\n")) == [ServerSentEvent(data: "next")])
    }

    @Test func invalidUTF8IsReplaced() throws {
        #expect(
            try TestSupport.parse(chunks: [Array("data: a".utf8) + [0xFF] + Array("b\n\n".utf8)])
                == [ServerSentEvent(data: "a\u{FFFD}b")])
    }

    @Test func acceptsNonContiguousSequences() throws {
        var parser = ServerSentEventParser()
        let lazyBytes = "data: lazy\n\n".utf8.lazy.map { $0 }
        #expect(try parser.feed(lazyBytes) == [ServerSentEvent(data: "lazy")])
        #expect(try parser.feed(Data("data: data\n\n".utf8)) == [ServerSentEvent(data: "data")])
    }

    @Test func wireFormatRoundTrips() throws {
        let event = ServerSentEvent(event: "delta", data: " lead\n\nlast\r\nx", id: "9")
        #expect(event.wireFormat == "event: delta\nid: 9\ndata:  lead\ndata: \ndata: last\ndata: x\n\n")
        #expect(
            try TestSupport.parse(event.wireFormat) == [
                ServerSentEvent(event: "delta", data: " lead\n\nlast\nx", id: "9")
            ])
        #expect(ServerSentEvent(data: "").wireFormat == "data: \n\n")
        #expect(try TestSupport.parse(ServerSentEvent(data: "").wireFormat) == [ServerSentEvent(data: "")])
    }
}

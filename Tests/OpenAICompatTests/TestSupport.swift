import Foundation
import Testing
@testable import OpenAICompat

/// Helpers shared by the test suites.
enum TestSupport {
    /// Parses a JSON object body with `JSONSerialization`.
    static func jsonObject(_ data: Data) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: data)
        return try #require(object as? [String: Any])
    }

    /// UTF-8 bytes of a string literal.
    static func bytes(_ text: String) -> [UInt8] {
        Array(text.utf8)
    }

    /// Feeds `chunks` in order to a fresh parser and collects every event.
    static func parse(
        chunks: [[UInt8]],
        maxEventBytes: Int = 1 << 20
    ) throws -> [ServerSentEvent] {
        var parser = ServerSentEventParser(maxEventBytes: maxEventBytes)
        var events: [ServerSentEvent] = []
        for chunk in chunks {
            events += try parser.feed(chunk)
        }
        events += parser.finish()
        return events
    }

    /// Parses a whole stream given as text in one chunk.
    static func parse(_ text: String) throws -> [ServerSentEvent] {
        try parse(chunks: [bytes(text)])
    }

    /// Runs raw SSE text through the parser and the chat stream decoder.
    static func decodeStream(_ text: String) throws -> [ChatStreamEvent] {
        var decoder = ChatStreamDecoder()
        return try decoder.decode(parse(text))
    }

    /// Builds `data: <json>\n\n` for each payload.
    static func sse(_ payloads: [String]) -> String {
        payloads.map { "data: \($0)\n\n" }.joined()
    }

    /// The payload of a `.malformed` error, or `nil` for any other outcome.
    static func malformedDetail(_ body: () throws -> Void) -> String? {
        do {
            try body()
            return nil
        } catch let OpenAICompatError.malformed(detail) {
            return detail
        } catch {
            return nil
        }
    }
}

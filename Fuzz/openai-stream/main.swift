// libFuzzer entry point for the OpenAI-compatible wire format, compiled by scripts/fuzz together with
// Sources/OpenAICompat. The input is what a provider sends back:
// - as a server-sent event stream, parsed whole and in small chunks (the events, or the refusal, must not depend
//   on the chunking); every event must survive `wireFormat` and a second parse as documented; each event then goes
//   through `ChatStreamDecoder`;
// - as one streamed chunk's JSON, and as a whole chat completion, embeddings or error body.
// Any failure other than the module's own `OpenAICompatError` stops the target with a fatal error.
import Foundation

func feed(_ bytes: [UInt8], chunkSize: Int) -> Result<[ServerSentEvent], OpenAICompatError> {
    var parser = ServerSentEventParser(maxEventBytes: 4096)
    var events: [ServerSentEvent] = []
    var start = 0
    do {
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            events += try parser.feed(bytes[start..<end])
            start = end
        }
    } catch let error as OpenAICompatError {
        return .failure(error)
    } catch {
        fatalError("ServerSentEventParser threw a foreign error: \(error)")
    }
    _ = parser.hasIncompleteEvent
    _ = parser.finish()
    return .success(events)
}

/// What parsing an event's own wire format must give back (see `ServerSentEvent.wireFormat`).
func normalized(_ event: ServerSentEvent) -> ServerSentEvent {
    func lineBreaksAsSpaces(_ text: String) -> String {
        text.replacingOccurrences(of: "\r\n", with: " ").replacingOccurrences(of: "\r", with: " ")
            .replacingOccurrences(of: "\n", with: " ")
    }
    let data = event.data.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
    return ServerSentEvent(event: event.event.map(lineBreaksAsSpaces), data: data, id: event.id.map(lineBreaksAsSpaces))
}

func expectOwnErrors(_ work: () throws -> Void) {
    do {
        try work()
    } catch is OpenAICompatError {
    } catch {
        fatalError("a decoder threw a foreign error: \(error)")
    }
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOpenAIStream(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let whole = feed(bytes, chunkSize: max(size, 1))
    let chunkSize = 1 + size % 7
    let chunked = feed(bytes, chunkSize: chunkSize)
    switch (whole, chunked) {
    case (.success(let a), .success(let b)) where a == b:
        var decoder = ChatStreamDecoder()
        for event in a {
            var again = ServerSentEventParser()
            let reparsed = try? again.feed(Array(event.wireFormat.utf8))
            guard reparsed == [normalized(event)] else {
                fatalError("wireFormat does not parse back: \(event) gave \(String(describing: reparsed))")
            }
            expectOwnErrors { _ = try decoder.decode(event) }
            _ = event.isDoneSentinel
        }
    case (.failure(let a), .failure(let b)) where a == b:
        break
    default:
        fatalError("the events depend on the chunking: \(whole) whole, \(chunked) in \(chunkSize)-byte chunks")
    }
    let body = Data(bytes)
    var decoder = ChatStreamDecoder()
    expectOwnErrors { _ = try decoder.decode(ServerSentEvent(data: String(decoding: bytes, as: UTF8.self))) }
    expectOwnErrors { _ = try OpenAIResponse.chatCompletion(from: body) }
    expectOwnErrors { _ = try OpenAIResponse.embeddings(from: body) }
    _ = OpenAIResponse.errorMessage(from: body)
    return 0
}

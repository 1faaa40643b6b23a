import Foundation

/// One dispatched Server-Sent Event, as produced by ``ServerSentEventParser``.
///
/// Mirrors the `MessageEvent` of the WHATWG EventSource model:
/// - ``event`` is the value of the last `event:` field of the block, or `nil`
///   when there was none (the spec's default type `"message"`, see ``type``);
/// - ``data`` is all `data:` lines of the block joined with `"\n"`;
/// - ``id`` is the stream's *last event ID* at dispatch time. Per spec it
///   persists across events until another `id:` field changes it; an empty
///   `id` field resets it, which is reported as `nil`.
public struct ServerSentEvent: Sendable, Equatable, Hashable {
    /// The event type from `event:`, or `nil` for the default `"message"`.
    public var event: String?
    /// The event payload.
    public var data: String
    /// The last event ID in effect when the event was dispatched.
    public var id: String?

    /// Creates an event.
    public init(event: String? = nil, data: String, id: String? = nil) {
        self.event = event
        self.data = data
        self.id = id
    }

    /// The effective event type: ``event`` or `"message"`.
    public var type: String {
        event ?? "message"
    }

    /// `true` when this is the `[DONE]` sentinel that ends OpenAI-style streams.
    public var isDoneSentinel: Bool {
        data.trimmingJSONWhitespace == "[DONE]"
    }

    /// The event re-encoded as SSE wire text, ending with the blank line that
    /// dispatches it (e.g. for relaying a stream to a client).
    ///
    /// Line breaks inside ``data`` (`\r\n`, `\r` or `\n`) become separate
    /// `data:` lines; parsing the result yields an equal event, except that
    /// `\r` and `\r\n` come back as `\n`. `event` and `id` are written only
    /// when non-`nil`; line breaks in them are replaced by spaces.
    public var wireFormat: String {
        func singleLine(_ text: String) -> String {
            text.replacingOccurrences(of: "\r\n", with: " ")
                .replacingOccurrences(of: "\r", with: " ")
                .replacingOccurrences(of: "\n", with: " ")
        }
        var text = ""
        if let event { text += "event: \(singleLine(event))\n" }
        if let id { text += "id: \(singleLine(id))\n" }
        let lines = data.replacingOccurrences(of: "\r\n", with: "\n")
            .replacingOccurrences(of: "\r", with: "\n")
            .split(separator: "\n", omittingEmptySubsequences: false)
        for line in lines { text += "data: \(line)\n" }
        return text + "\n"
    }
}

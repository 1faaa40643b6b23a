import Foundation

/// Incremental Server-Sent Events parser (WHATWG EventSource rules): feed
/// arbitrary byte chunks (split anywhere, including inside a multi-byte UTF-8
/// character or between `\r` and `\n`), get complete events.
///
/// Implemented rules: lines end with CRLF, LF or CR; a leading UTF-8 BOM of
/// the stream is ignored; lines starting with `:` are comments; a line without
/// a colon is a field name with an empty value; a single space after the colon
/// is stripped; `data` lines are joined with `\n`; `event` sets the type;
/// `id` (unless it contains NUL) sets the persistent last event ID; `retry`
/// with only ASCII digits sets ``retryMilliseconds``; other fields are
/// ignored; a blank line dispatches the event unless its data buffer is empty.
/// Invalid UTF-8 is replaced with U+FFFD.
///
/// Memory is bounded: if one line, or the accumulated `data`/`event` of one
/// event, exceeds `maxEventBytes`, ``feed(_:)`` throws
/// ``OpenAICompatError/eventTooLarge``; the parser then stays failed (every
/// later feed throws again) until ``finish()`` resets it.
public struct ServerSentEventParser: Sendable {
    /// Size limit for one line or one event's accumulated fields, in bytes.
    public let maxEventBytes: Int
    /// The last valid `retry:` value seen, in milliseconds.
    public private(set) var retryMilliseconds: Int?

    private var line: [UInt8] = []
    private var pendingLineFeedAfterCR = false
    private var atStreamStart = true
    private var dataBuffer = ""
    private var eventType = ""
    private var lastEventID = ""
    private var failed = false

    /// Creates a parser for one stream.
    public init(maxEventBytes: Int = 1 << 20) {
        self.maxEventBytes = max(1, maxEventBytes)
    }

    /// `true` while bytes of an event that has not been dispatched are held.
    public var hasIncompleteEvent: Bool {
        !line.isEmpty || !dataBuffer.isEmpty || !eventType.isEmpty
    }

    /// Consumes the next chunk of the stream and returns the events it completed.
    public mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [ServerSentEvent] {
        if failed { throw OpenAICompatError.eventTooLarge }
        if let events = try bytes.withContiguousStorageIfAvailable({ try consume($0) }) {
            return events
        }
        return try Array(bytes).withUnsafeBufferPointer { try consume($0) }
    }

    /// Ends the stream. Per spec, an event not terminated by a blank line is
    /// discarded, so this returns no events; it resets the parser so it can
    /// be reused for a new stream (check ``hasIncompleteEvent`` first to
    /// detect a truncated stream).
    public mutating func finish() -> [ServerSentEvent] {
        self = ServerSentEventParser(maxEventBytes: maxEventBytes)
        return []
    }

    private mutating func consume(_ buffer: UnsafeBufferPointer<UInt8>) throws -> [ServerSentEvent] {
        var events: [ServerSentEvent] = []
        var index = buffer.startIndex
        if pendingLineFeedAfterCR, index < buffer.endIndex {
            pendingLineFeedAfterCR = false
            if buffer[index] == Self.lineFeed { index += 1 }
        }
        while index < buffer.endIndex {
            var end = index
            while end < buffer.endIndex, buffer[end] != Self.lineFeed, buffer[end] != Self.carriageReturn {
                end += 1
            }
            line.append(contentsOf: buffer[index..<end])
            if line.count > maxEventBytes { try fail() }
            guard end < buffer.endIndex else { break }
            index = end + 1
            if buffer[end] == Self.carriageReturn {
                if index == buffer.endIndex {
                    pendingLineFeedAfterCR = true
                } else if buffer[index] == Self.lineFeed {
                    index += 1
                }
            }
            try processLine(into: &events)
        }
        return events
    }

    private mutating func processLine(into events: inout [ServerSentEvent]) throws {
        defer { line.removeAll(keepingCapacity: true) }
        var start = line.startIndex
        if atStreamStart {
            atStreamStart = false
            if line.starts(with: Self.byteOrderMark) { start += Self.byteOrderMark.count }
        }
        let bytes = line[start...]
        guard let first = bytes.first else {
            dispatch(into: &events)
            return
        }
        if first == Self.colon { return }
        var field = bytes[...]
        var value = bytes[bytes.endIndex...]
        if let colonIndex = bytes.firstIndex(of: Self.colon) {
            field = bytes[..<colonIndex]
            var valueStart = colonIndex + 1
            if valueStart < bytes.endIndex, bytes[valueStart] == Self.space { valueStart += 1 }
            value = bytes[valueStart...]
        }
        switch String(decoding: field, as: UTF8.self) {
        case "data":
            dataBuffer += String(decoding: value, as: UTF8.self)
            dataBuffer += "\n"
            if dataBuffer.utf8.count + eventType.utf8.count > maxEventBytes { try fail() }
        case "event":
            eventType = String(decoding: value, as: UTF8.self)
            if dataBuffer.utf8.count + eventType.utf8.count > maxEventBytes { try fail() }
        case "id":
            if !value.contains(0) { lastEventID = String(decoding: value, as: UTF8.self) }
        case "retry":
            if !value.isEmpty, value.allSatisfy({ (0x30...0x39).contains($0) }),
                let milliseconds = Int(String(decoding: value, as: UTF8.self))
            {
                retryMilliseconds = milliseconds
            }
        default:
            break
        }
    }

    private mutating func dispatch(into events: inout [ServerSentEvent]) {
        defer {
            dataBuffer = ""
            eventType = ""
        }
        guard !dataBuffer.isEmpty else { return }
        var data = dataBuffer
        data.removeLast()
        events.append(
            ServerSentEvent(
                event: eventType.isEmpty ? nil : eventType,
                data: data,
                id: lastEventID.isEmpty ? nil : lastEventID
            ))
    }

    private mutating func fail() throws -> Never {
        failed = true
        line = []
        dataBuffer = ""
        eventType = ""
        throw OpenAICompatError.eventTooLarge
    }

    private static let lineFeed: UInt8 = 0x0A
    private static let carriageReturn: UInt8 = 0x0D
    private static let colon: UInt8 = 0x3A
    private static let space: UInt8 = 0x20
    private static let byteOrderMark: [UInt8] = [0xEF, 0xBB, 0xBF]
}

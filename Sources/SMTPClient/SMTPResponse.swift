import NIOCore

/// A complete server reply: its code and the text of every line (RFC 5321 §4.2).
public struct SMTPResponse: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    public var text: String { lines.joined(separator: " ") }
}

/// Splits the byte stream into replies, joining multi-line replies (`250-…` lines up to the final `250 …`).
struct SMTPResponseDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPResponse

    private var pending: [String] = []
    /// A reply longer than this is treated as a broken server rather than buffered without end.
    private static let maximumLineLength = 4096

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let newline = buffer.readableBytesView.firstIndex(of: UInt8(ascii: "\n")) else {
            if buffer.readableBytes > Self.maximumLineLength { throw SMTPError.malformedReply("line too long") }
            return .needMoreData
        }
        let length = newline - buffer.readerIndex + 1
        guard var bytes = buffer.readBytes(length: length) else { return .needMoreData }
        // Work on bytes: in Swift "\r\n" is a single Character, so string trimming would misfire.
        while let last = bytes.last, last == UInt8(ascii: "\n") || last == UInt8(ascii: "\r") { bytes.removeLast() }
        guard bytes.count >= 3, let code = Int(String(decoding: bytes[0..<3], as: UTF8.self)) else {
            throw SMTPError.malformedReply(String(decoding: bytes.prefix(80), as: UTF8.self))
        }
        let separator = bytes.count > 3 ? bytes[3] : UInt8(ascii: " ")
        pending.append(bytes.count > 4 ? String(decoding: bytes[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: "-") { return .continue }
        let response = SMTPResponse(code: code, lines: pending)
        pending = []
        context.fireChannelRead(wrapInboundOut(response))
        return .continue
    }
}

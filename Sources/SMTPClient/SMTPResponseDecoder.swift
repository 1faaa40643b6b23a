import NIOCore

/// Splits the byte stream into replies, joining multi-line replies (`250-…` lines up to the final `250 …`), with
/// the rules and limits of `SMTPReplyParser`.
struct SMTPResponseDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPResponse

    private var parser = SMTPReplyParser()

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        let replies = try parser.feed(buffer.readableBytesView)
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        for reply in replies {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .needMoreData
    }
}

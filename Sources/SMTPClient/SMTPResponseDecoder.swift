import NIOConcurrencyHelpers
import NIOCore

/// Splits the byte stream into replies, joining multi-line replies (`250-…` lines up to the final `250 …`), with
/// the rules and limits of `SMTPReplyParser`.
struct SMTPResponseDecoder: ByteToMessageDecoder {
    typealias InboundOut = SMTPResponse

    private var parser = SMTPReplyParser()
    /// What has been received so far, for the session's check when it starts TLS.
    let received: ReceivedReplies

    init(received: ReceivedReplies) {
        self.received = received
    }

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard buffer.readableBytes > 0 else { return .needMoreData }
        let replies = try parser.feed(buffer.readableBytesView)
        buffer.moveReaderIndex(forwardBy: buffer.readableBytes)
        received.record(replies: replies.count, partial: parser.hasIncompleteReply)
        for reply in replies {
            context.fireChannelRead(wrapInboundOut(reply))
        }
        return .needMoreData
    }
}

/// How many replies the decoder has produced and whether it holds part of another. Starting TLS checks it against
/// the replies the session has read: anything more arrived in plain text after the server's `220`.
final class ReceivedReplies: Sendable {
    private let state = NIOLockedValueBox((replies: 0, partial: false))

    func record(replies: Int, partial: Bool) {
        state.withLockedValue { $0 = ($0.replies + replies, partial) }
    }

    /// True when nothing beyond the first `read` replies has arrived.
    func holdsNothingBeyond(_ read: Int) -> Bool {
        state.withLockedValue { $0.replies == read && !$0.partial }
    }
}

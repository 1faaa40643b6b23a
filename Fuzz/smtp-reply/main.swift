// libFuzzer entry point for the SMTP reply reader, compiled by scripts/fuzz together with the pure files of
// Sources/SMTPClient (SMTPReply.swift, SMTPError.swift; the NIO decoder around it only moves bytes). The input is
// what a mail server sends, read whole and in small chunks: the replies, or the refusal, must not depend on the
// chunking, and every reply must respect the reader's limits.

func read(_ bytes: UnsafeBufferPointer<UInt8>, chunkSize: Int) -> Result<[SMTPResponse], SMTPError> {
    var parser = SMTPReplyParser()
    var replies: [SMTPResponse] = []
    var start = 0
    do {
        while start < bytes.count {
            let end = min(bytes.count, start + chunkSize)
            replies += try parser.feed(UnsafeBufferPointer(rebasing: bytes[start..<end]))
            start = end
        }
    } catch let error as SMTPError {
        return .failure(error)
    } catch {
        fatalError("SMTPReplyParser threw a foreign error: \(error)")
    }
    _ = parser.hasIncompleteReply
    return .success(replies)
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSMTPReply(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = UnsafeBufferPointer(start: data, count: size)
    let whole = read(bytes, chunkSize: max(size, 1))
    let chunkSize = 1 + size % 7
    let chunked = read(bytes, chunkSize: chunkSize)
    switch (whole, chunked) {
    case (.success(let a), .success(let b)) where a == b:
        for reply in a {
            guard (0...999).contains(reply.code), !reply.lines.isEmpty, reply.lines.count <= SMTPReplyParser.maximumLines
            else { fatalError("reply outside the reader's limits: \(reply)") }
            _ = reply.text
            _ = reply.isPositive
        }
    case (.failure(let a), .failure(let b)) where a == b:
        _ = a.description
        _ = a.isPermanent
    default:
        fatalError("the replies depend on the chunking: \(whole) whole, \(chunked) in \(chunkSize)-byte chunks")
    }
    return 0
}

/// A complete server reply: its code and the text of every line (RFC 5321 §4.2).
public struct SMTPResponse: Sendable, Equatable {
    public let code: Int
    public let lines: [String]

    public var isPositive: Bool { (200..<400).contains(code) }
    public var text: String { lines.joined(separator: " ") }
}

/// Reads SMTP replies from the bytes a server sends, split anywhere: no networking, so it can be tested and fuzzed
/// on its own (`SMTPResponseDecoder` puts it in a NIO pipeline).
///
/// A line ends with LF (a CR before it is dropped) and starts with a three-digit code, then `-` when more lines
/// follow (anything else ends the reply; the code of its last line is the reply's).
/// Memory is bounded: a line longer than `maximumLineLength` or a reply of more than `maximumLines` lines is a
/// broken (or hostile) server and throws `SMTPError.malformedReply`; after that the parser stays failed.
struct SMTPReplyParser: Sendable {
    /// Longest line accepted, line ending included (RFC 5321 §4.5.3.1.5 allows 512; real servers send longer text).
    static let maximumLineLength = 4096
    /// Most lines in one reply (an EHLO reply lists one extension per line: a few dozen at most).
    static let maximumLines = 256

    private var line: [UInt8] = []
    private var pending: [String] = []
    private var failure: SMTPError?

    /// Consumes the next bytes and returns the replies they complete, oldest first.
    mutating func feed(_ bytes: some Sequence<UInt8>) throws -> [SMTPResponse] {
        if let failure { throw failure }
        var replies: [SMTPResponse] = []
        do {
            for byte in bytes {
                guard byte == UInt8(ascii: "\n") else {
                    guard line.count < Self.maximumLineLength else { throw SMTPError.malformedReply("line too long") }
                    line.append(byte)
                    continue
                }
                if line.last == UInt8(ascii: "\r") { line.removeLast() }
                if let reply = try finishLine() { replies.append(reply) }
            }
        } catch let error as SMTPError {
            failure = error
            line = []
            pending = []
            throw error
        }
        return replies
    }

    /// Whether bytes of an unfinished reply are held (a reply cut off by the end of the connection).
    var hasIncompleteReply: Bool { !line.isEmpty || !pending.isEmpty }

    private mutating func finishLine() throws -> SMTPResponse? {
        defer { line.removeAll(keepingCapacity: true) }
        guard line.count >= 3, let code = Self.code(line[0], line[1], line[2]) else {
            throw SMTPError.malformedReply(String(decoding: line.prefix(80), as: UTF8.self))
        }
        let separator = line.count > 3 ? line[3] : UInt8(ascii: " ")
        guard pending.count < Self.maximumLines else { throw SMTPError.malformedReply("reply too long") }
        pending.append(line.count > 4 ? String(decoding: line[4...], as: UTF8.self) : "")
        if separator == UInt8(ascii: "-") { return nil }
        defer { pending = [] }
        return SMTPResponse(code: code, lines: pending)
    }

    /// The value of a reply code: three ASCII digits (RFC 5321 §4.2; no sign, no spaces).
    private static func code(_ first: UInt8, _ second: UInt8, _ third: UInt8) -> Int? {
        let digits = [first, second, third].map { Int($0) - Int(UInt8(ascii: "0")) }
        guard digits.allSatisfy({ (0...9).contains($0) }) else { return nil }
        return digits[0] * 100 + digits[1] * 10 + digits[2]
    }
}

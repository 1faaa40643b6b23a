internal import CZlib

/// Streaming zlib decompression (raw deflate for ZIP entries, zlib-wrapped for PDF `FlateDecode`).
///
/// Output is produced in fixed 64 KiB blocks on the stack and handed on immediately, so memory does not grow with
/// the decompressed size. zlib keeps a pointer back to its `z_stream`, so the stream lives in a heap box; when a copy
/// of an inspector is mutated while the box is shared, the box is duplicated with `inflateCopy` first
/// (copy-on-write), which keeps every inspector a true value type.
struct Inflater: Sendable {
    /// The container around the deflate data.
    enum Format: Sendable {
        case rawDeflate
        case zlib
    }

    /// Decompression failed: corrupt data, or zlib could not allocate its state.
    struct Failure: Error {
        let reason: String
    }

    private static let blockSize = 64 * 1024
    private var box: StreamBox
    /// True once the end of the compressed stream has been reached; later input is ignored.
    private(set) var isFinished = false

    init(format: Format) {
        box = StreamBox(windowBits: format == .rawDeflate ? -15 : 15)
    }

    /// Decompresses `input`, spending every block of output from `budget` on `sink`.
    ///
    /// - Returns: the number of input bytes consumed. It is less than `input.count` only when the compressed stream
    ///   ended inside `input`; the rest belongs to whatever follows the stream.
    /// - Throws: `Failure` for corrupt data, and whatever `budget` or `sink` throw.
    mutating func inflate<Sink: InflatedDataSink>(
        _ input: Bytes, into sink: inout Sink, budget: inout ExpansionBudget
    ) throws -> Int {
        var consumed = 0
        try withUnsafeTemporaryAllocation(byteCount: Self.blockSize, alignment: 1) { output in
            while !isFinished {
                let (used, produced) = try step(Bytes(rebasing: input[consumed...]), into: output)
                consumed += used
                try budget.spend(Bytes(rebasing: output[..<produced]), on: &sink)
                if produced < output.count && consumed == input.count { break }
            }
        }
        return consumed
    }

    private mutating func step(_ input: Bytes, into output: UnsafeMutableRawBufferPointer) throws -> (Int, Int) {
        if !isKnownUniquelyReferenced(&box) { box = box.copy() }
        guard box.isReady else { throw Failure(reason: "zlib could not be initialised") }
        let stream = box.stream
        let available = min(input.count, Int(UInt32.max))
        stream.pointee.next_in = UnsafeMutablePointer(mutating: input.baseAddress?.assumingMemoryBound(to: Bytef.self))
        stream.pointee.avail_in = uInt(available)
        stream.pointee.next_out = output.baseAddress?.assumingMemoryBound(to: Bytef.self)
        stream.pointee.avail_out = uInt(output.count)
        let status = CZlib.inflate(stream, Z_NO_FLUSH)
        let used = available - Int(stream.pointee.avail_in)
        let produced = output.count - Int(stream.pointee.avail_out)
        stream.pointee.next_in = nil
        stream.pointee.next_out = nil
        switch status {
        case Z_STREAM_END:
            isFinished = true
        case Z_OK, Z_BUF_ERROR:
            if used == 0 && produced == 0 && available > 0 { throw Failure(reason: "no progress") }
        default:
            throw Failure(reason: stream.pointee.msg.map { String(cString: $0) } ?? "zlib error \(status)")
        }
        return (used, produced)
    }
}

/// Owns one heap-allocated `z_stream`.
///
/// `@unchecked Sendable`: a box is only ever mutated by `Inflater.step`, after `isKnownUniquelyReferenced` proved
/// that no other inflater shares it, so two owners never touch the same stream.
private final class StreamBox: @unchecked Sendable {
    let stream: UnsafeMutablePointer<z_stream>
    let isReady: Bool

    init(windowBits: Int32) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        isReady = inflateInit2_(stream, windowBits, zlibVersion(), Int32(MemoryLayout<z_stream>.size)) == Z_OK
    }

    private init(copying other: StreamBox) {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        isReady = other.isReady && inflateCopy(stream, other.stream) == Z_OK
    }

    func copy() -> StreamBox {
        StreamBox(copying: self)
    }

    deinit {
        if isReady { inflateEnd(stream) }
        stream.deinitialize(count: 1)
        stream.deallocate()
    }
}

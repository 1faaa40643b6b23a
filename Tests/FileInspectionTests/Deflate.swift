import CZlib

/// zlib compression for building test files: raw deflate for ZIP entries, zlib-wrapped for PDF FlateDecode.
enum Deflate {
    /// Compresses `data` in one go.
    static func compress(_ data: [UInt8], raw: Bool = true) -> [UInt8] {
        let deflater = Deflater(raw: raw)
        var output = deflater.feed(data)
        output += deflater.finish()
        return output
    }

    /// Compresses `count` zero bytes, one megabyte at a time, never holding them all in memory.
    static func compressZeros(count: Int) -> (compressed: [UInt8], crc: UInt32) {
        let block = [UInt8](repeating: 0, count: 1 << 20)
        let deflater = Deflater(raw: true)
        var output: [UInt8] = []
        var crc: UInt32 = 0
        var remaining = count
        while remaining > 0 {
            let slice = Array(block.prefix(remaining))
            output += deflater.feed(slice)
            crc = crc32(slice, initial: crc)
            remaining -= slice.count
        }
        output += deflater.finish()
        return (output, crc)
    }

    static func crc32(_ data: [UInt8], initial: UInt32 = 0) -> UInt32 {
        data.withUnsafeBufferPointer { buffer in
            UInt32(CZlib.crc32(uLong(initial), buffer.baseAddress, uInt(buffer.count)))
        }
    }
}

/// One zlib deflate stream (heap-allocated, since zlib keeps a pointer to it).
private final class Deflater {
    private let stream = UnsafeMutablePointer<z_stream>.allocate(capacity: 1)

    init(raw: Bool) {
        stream.initialize(to: z_stream())
        let status = deflateInit2_(
            stream, Z_DEFAULT_COMPRESSION, Z_DEFLATED, raw ? -15 : 15, 8,
            Z_DEFAULT_STRATEGY, zlibVersion(), Int32(MemoryLayout<z_stream>.size))
        precondition(status == Z_OK)
    }

    deinit {
        deflateEnd(stream)
        stream.deinitialize(count: 1)
        stream.deallocate()
    }

    func feed(_ data: [UInt8]) -> [UInt8] {
        run(data, flush: Z_NO_FLUSH)
    }

    func finish() -> [UInt8] {
        run([], flush: Z_FINISH)
    }

    private func run(_ data: [UInt8], flush: Int32) -> [UInt8] {
        var output: [UInt8] = []
        var block = [UInt8](repeating: 0, count: 64 * 1024)
        var input = data
        input.withUnsafeMutableBufferPointer { inputBuffer in
            stream.pointee.next_in = inputBuffer.baseAddress
            stream.pointee.avail_in = uInt(inputBuffer.count)
            repeat {
                let produced = block.withUnsafeMutableBufferPointer { out -> Int in
                    stream.pointee.next_out = out.baseAddress
                    stream.pointee.avail_out = uInt(out.count)
                    deflate(stream, flush)
                    return out.count - Int(stream.pointee.avail_out)
                }
                output += block.prefix(produced)
            } while stream.pointee.avail_out == 0
        }
        return output
    }
}

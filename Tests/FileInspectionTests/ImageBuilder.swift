/// Builds minimal but well-formed image files for tests; only headers matter to the inspector.
enum ImageBuilder {
    static func png(width: Int = 1, height: Int = 1) -> [UInt8] {
        var output: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
        var header: [UInt8] = []
        header.bigEndian(width, size: 4)
        header.bigEndian(height, size: 4)
        header += [8, 2, 0, 0, 0]  // 8-bit RGB, no interlace
        output += chunk("IHDR", header)
        output += chunk("IDAT", Deflate.compress([0, 255, 0, 0], raw: false))
        output += chunk("IEND", [])
        return output
    }

    private static func chunk(_ type: String, _ data: [UInt8]) -> [UInt8] {
        var output: [UInt8] = []
        output.bigEndian(data.count, size: 4)
        let body = [UInt8](type) + data
        output += body
        output.bigEndian(Int(Deflate.crc32(body)), size: 4)
        return output
    }

    /// A baseline JPEG; `metadataSize` adds an APP1 segment before the frame header to push it far into the file.
    static func jpeg(width: Int = 1, height: Int = 1, metadataSize: Int = 0) -> [UInt8] {
        var output: [UInt8] = [0xFF, 0xD8]
        output += [0xFF, 0xE0, 0x00, 0x10] + [UInt8]("JFIF") + [0, 1, 1, 0, 0, 1, 0, 1, 0, 0]
        var remaining = metadataSize
        while remaining > 0 {
            let size = min(remaining, 65_000)
            output += [0xFF, 0xE1]
            output.bigEndian(size + 2, size: 2)
            output += [UInt8](repeating: 0x41, count: size)
            remaining -= size
        }
        output += [0xFF, 0xDB, 0x00, 0x43, 0x00] + [UInt8](repeating: 1, count: 64)
        output += [0xFF, 0xC0, 0x00, 0x11, 0x08]
        output.bigEndian(height, size: 2)
        output.bigEndian(width, size: 2)
        output += [0x03, 0x01, 0x22, 0x00, 0x02, 0x11, 0x01, 0x03, 0x11, 0x01]
        output += [0xFF, 0xDA, 0x00, 0x0C, 0x03, 0x01, 0x00, 0x02, 0x11, 0x03, 0x11, 0x00, 0x3F, 0x00]
        output += [0x12, 0x34, 0x56, 0x78, 0xFF, 0xD9]
        return output
    }

    static func gif(width: Int = 1, height: Int = 1) -> [UInt8] {
        var output = [UInt8]("GIF89a")
        output.littleEndian(width, size: 2)
        output.littleEndian(height, size: 2)
        output += [0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF]  // global color table of 2 entries
        output += [0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 0x02, 0x02, 0x44, 0x01, 0x00, 0x3B]
        return output
    }

    enum WebPKind { case lossy, lossless, extended }

    static func webp(_ kind: WebPKind, width: Int = 1, height: Int = 1) -> [UInt8] {
        var data: [UInt8]
        let fourCC: String
        switch kind {
        case .lossy:
            fourCC = "VP8 "
            data = [0x30, 0x01, 0x00, 0x9D, 0x01, 0x2A]
            data.littleEndian(width, size: 2)
            data.littleEndian(height, size: 2)
            data += [UInt8](repeating: 0, count: 8)
        case .lossless:
            fourCC = "VP8L"
            data = [0x2F]
            data.littleEndian((width - 1) | (height - 1) << 14, size: 4)
            data += [UInt8](repeating: 0, count: 8)
        case .extended:
            fourCC = "VP8X"
            data = [0, 0, 0, 0]
            data.littleEndian(width - 1, size: 3)
            data.littleEndian(height - 1, size: 3)
            data += [UInt8](repeating: 0, count: 8)
        }
        var output = [UInt8]("RIFF")
        output.littleEndian(4 + 8 + data.count, size: 4)
        output.append("WEBP" + fourCC)
        output.littleEndian(data.count, size: 4)
        return output + data
    }
}

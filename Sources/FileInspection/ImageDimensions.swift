/// The width and height an image header declares, read before any pixel data.
///
/// A decoder allocates width × height pixels up front, so a tiny file declaring 100,000 × 100,000 pixels (a "pixel
/// bomb") makes it allocate tens of gigabytes. Comparing the declared size with the policy stops that. PNG, GIF and
/// WEBP keep their size at a fixed offset near the start; JPEG is handled by `JPEGFrameScanner`.
struct ImageDimensions: Sendable, Equatable {
    let width: Int
    let height: Int

    /// Refuses images with more pixels than `limit`.
    func require(atMost limit: Int) throws {
        let (pixels, overflow) = width.multipliedReportingOverflow(by: height)
        if overflow || pixels > limit {
            throw InspectionError.imageTooLarge(pixels: overflow ? Int.max : pixels, limit: limit)
        }
    }
}

extension ImageDimensions {

    /// Reads the dimensions of a PNG, GIF or WEBP from the first bytes of the file.
    ///
    /// - Throws: `InspectionError.malformed` when the header is missing or cannot be parsed.
    init(type: DetectedType, head: [UInt8]) throws {
        switch type {
        case .png:
            // Signature (8), then the IHDR chunk: length (4), "IHDR" (4), width (4), height (4), all big-endian.
            guard head.count >= 24, head.hasBytes([UInt8](ascii: "IHDR"), at: 12) else {
                throw InspectionError.malformed("the PNG does not start with an IHDR header")
            }
            (width, height) = (head.bigEndian(at: 16, size: 4), head.bigEndian(at: 20, size: 4))
            guard width > 0, height > 0, width <= Int(Int32.max), height <= Int(Int32.max) else {
                throw InspectionError.malformed("the PNG header declares an impossible size")
            }
        case .gif:
            // "GIF89a", then the logical screen width and height, little-endian.
            guard head.count >= 10 else { throw InspectionError.malformed("the GIF header is truncated") }
            (width, height) = (head.littleEndian(at: 6, size: 2), head.littleEndian(at: 8, size: 2))
        case .webp:
            (width, height) = try Self.webp(head)
        default:
            preconditionFailure("no fixed-offset header for \(type)")
        }
    }

    /// WEBP: "RIFF", size, "WEBP", then a VP8 (lossy), VP8L (lossless) or VP8X (extended) chunk at offset 12,
    /// whose data starts at offset 20.
    private static func webp(_ head: [UInt8]) throws -> (Int, Int) {
        guard head.count >= 30 else { throw InspectionError.malformed("the WEBP header is truncated") }
        if head.hasBytes([UInt8](ascii: "VP8 "), at: 12) {
            // Frame tag (3 bytes), start code 9D 01 2A, then 14-bit width and height.
            guard head.hasBytes([0x9D, 0x01, 0x2A], at: 23) else {
                throw InspectionError.malformed("the WEBP VP8 frame has no start code")
            }
            return (head.littleEndian(at: 26, size: 2) & 0x3FFF, head.littleEndian(at: 28, size: 2) & 0x3FFF)
        }
        if head.hasBytes([UInt8](ascii: "VP8L"), at: 12) {
            // Signature 0x2F, then width − 1 and height − 1 as 14-bit fields.
            guard head[20] == 0x2F else { throw InspectionError.malformed("the WEBP VP8L header is invalid") }
            let bits = head.littleEndian(at: 21, size: 4)
            return ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1)
        }
        if head.hasBytes([UInt8](ascii: "VP8X"), at: 12) {
            // Flags (4 bytes), then canvas width − 1 and height − 1 as 24-bit fields.
            return (head.littleEndian(at: 24, size: 3) + 1, head.littleEndian(at: 27, size: 3) + 1)
        }
        throw InspectionError.malformed("the WEBP file has no VP8, VP8L or VP8X chunk")
    }
}

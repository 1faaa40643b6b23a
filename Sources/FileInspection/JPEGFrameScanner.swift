/// Finds the frame header (SOF) of a JPEG as it streams in, to learn the image's dimensions.
///
/// A JPEG is a sequence of marker segments; the frame header can come after large metadata segments (EXIF
/// thumbnails, ICC profiles) far beyond the first kilobytes, so segments are skipped by their length byte by byte
/// instead of being buffered. Frame headers are markers C0 to CF except C4 (DHT), C8 (JPG) and CC (DAC).
struct JPEGFrameScanner: Sendable {
    private enum State: Sendable {
        case markerStart
        case markerCode
        case lengthHigh(isFrame: Bool)
        case lengthLow(high: Int, isFrame: Bool)
        case skipping(remaining: Int)
        case frameHeader
        case done
    }

    private var state = State.markerStart
    private var frame: [UInt8] = []

    /// Whether the frame header has been found.
    var isDone: Bool {
        if case .done = state { true } else { false }
    }

    /// Feeds one byte; returns the dimensions once the frame header is complete.
    ///
    /// - Throws: `InspectionError.malformed` when the marker structure is broken or image data starts before any
    ///   frame header.
    mutating func consume(_ byte: UInt8) throws -> ImageDimensions? {
        switch state {
        case .markerStart:
            guard byte == 0xFF else { throw InspectionError.malformed("the JPEG marker structure is broken") }
            state = .markerCode
        case .markerCode:
            state = try stateAfterMarker(byte)
        case .lengthHigh(let isFrame):
            state = .lengthLow(high: Int(byte), isFrame: isFrame)
        case .lengthLow(let high, let isFrame):
            let length = high << 8 | Int(byte)
            guard length >= (isFrame ? 8 : 2) else {
                throw InspectionError.malformed("a JPEG segment has an invalid length")
            }
            state = isFrame ? .frameHeader : length == 2 ? .markerStart : .skipping(remaining: length - 2)
        case .skipping(let remaining):
            state = remaining == 1 ? .markerStart : .skipping(remaining: remaining - 1)
        case .frameHeader:
            frame.append(byte)
            // Sample precision (1), height (2), width (2).
            guard frame.count == 5 else { return nil }
            state = .done
            let dimensions = ImageDimensions(
                width: frame.bigEndian(at: 3, size: 2),
                height: frame.bigEndian(at: 1, size: 2))
            guard dimensions.width > 0, dimensions.height > 0 else {
                throw InspectionError.malformed("the JPEG frame header has no width or height")
            }
            return dimensions
        case .done:
            break
        }
        return nil
    }

    private func stateAfterMarker(_ code: UInt8) throws -> State {
        switch code {
        case 0xFF:
            return .markerCode  // fill byte
        case 0xD8, 0x01, 0xD0...0xD7:
            return .markerStart  // markers without a length
        case 0xD9, 0xDA:
            throw InspectionError.malformed("the JPEG has no frame header before its image data")
        case 0xC4, 0xC8, 0xCC:
            return .lengthHigh(isFrame: false)
        case 0xC0...0xCF:
            return .lengthHigh(isFrame: true)
        case 0x00:
            throw InspectionError.malformed("the JPEG marker structure is broken")
        default:
            return .lengthHigh(isFrame: false)
        }
    }
}

/// Inspects a raster image (PNG, JPEG, GIF, WEBP) as it streams in.
///
/// The declared pixel count is checked against the policy (from the first bytes, or from the JPEG frame header
/// wherever it is), and every byte is searched for HTML or script markup, which would make the image a polyglot.
struct ImageScanner: Sendable {
    private let maxPixels: Int
    private var markup = MarkupScanner()
    private var jpeg: JPEGFrameScanner?

    /// Checks the header of a PNG, GIF or WEBP at once; a JPEG's frame header is looked for as bytes arrive.
    ///
    /// - Parameter head: the first bytes of the file (all of it when the file is small).
    /// - Throws: `InspectionError.imageTooLarge` or `.malformed`.
    init(type: DetectedType, head: [UInt8], maxPixels: Int) throws {
        self.maxPixels = maxPixels
        if type == .jpeg {
            jpeg = JPEGFrameScanner()
        } else {
            try ImageDimensions(type: type, head: head).require(atMost: maxPixels)
        }
    }

    /// Feeds the next bytes of the image, from the first byte of the file.
    mutating func consume(_ bytes: Bytes) throws {
        for byte in bytes {
            try markup.consume(byte)
            if jpeg?.isDone == false, let dimensions = try jpeg?.consume(byte) {
                try dimensions.require(atMost: maxPixels)
            }
        }
    }

    /// Checks the end of the image.
    ///
    /// - Throws: `InspectionError.malformed` for a JPEG without a frame header.
    func finish() throws {
        if jpeg?.isDone == false {
            throw InspectionError.malformed("the JPEG has no frame header")
        }
    }
}

/// A QR Code symbol (ISO/IEC 18004 Model 2, versions 1–40) holding one byte-mode segment.
///
/// ```swift
/// let code = try QRCode(encoding: "otpauth://totp/Parley:ada%40example.com?secret=…")
/// let svg = code.svg(title: "Scan to set up two-factor authentication")
/// ```
public struct QRCode: Sendable, Equatable {
    /// How much of the symbol can be damaged and still be read: about 7 %, 15 %, 25 % or 30 %.
    public enum ErrorCorrection: Sendable, CaseIterable {
        case low, medium, quartile, high
    }

    /// The symbol version, 1...40.
    public let version: Int
    /// Width and height in modules: 17 + 4 × `version`.
    public let size: Int
    /// The data mask pattern, 0...7.
    public let mask: Int
    public let errorCorrection: ErrorCorrection
    /// Row-major, `true` is dark.
    private let modules: [Bool]

    /// Encodes `bytes` as one byte-mode segment in the smallest version, from
    /// `minimumVersion` up, that holds them at `errorCorrection`.
    ///
    /// - Parameter mask: the data mask to use; `nil` picks the one with the lowest
    ///   ISO/IEC 18004 penalty score.
    /// - Throws: `QRCodeError.invalidMask` for a mask outside 0...7;
    ///   `QRCodeError.dataTooLong` when no version up to 40 holds the data.
    public init(
        encoding bytes: [UInt8], errorCorrection: ErrorCorrection = .medium, mask: Int? = nil,
        minimumVersion: Int = 1
    ) throws {
        if let mask, !QRMatrix.maskPatterns.contains(mask) { throw QRCodeError.invalidMask }
        guard
            let version = QRVersionTable.versions.first(where: {
                $0 >= minimumVersion && QRVersionTable.byteCapacity(version: $0, level: errorCorrection) >= bytes.count
            })
        else { throw QRCodeError.dataTooLong }

        let data = QRCodewords.data(bytes, version: version, level: errorCorrection)
        var matrix = QRMatrix(version: version)
        matrix.place(QRCodewords.interleaved(data, version: version, level: errorCorrection))
        let mask = mask ?? matrix.bestMask()
        matrix.applyMask(mask)
        matrix.drawFormatInformation(level: errorCorrection, mask: mask)
        matrix.drawVersionInformation()

        self.version = version
        self.size = matrix.size
        self.mask = mask
        self.errorCorrection = errorCorrection
        self.modules = matrix.modules
    }

    /// Encodes the UTF-8 bytes of `text`.
    public init(encoding text: String, errorCorrection: ErrorCorrection = .medium) throws {
        try self.init(encoding: Array(text.utf8), errorCorrection: errorCorrection)
    }

    /// Whether the module in column `x`, row `y` is dark; (0, 0) is the upper left corner.
    /// Coordinates outside the symbol are light (the quiet zone).
    public func isDark(x: Int, y: Int) -> Bool {
        guard (0..<size).contains(x), (0..<size).contains(y) else { return false }
        return modules[y * size + x]
    }
}

/// Why a QR Code could not be made.
public enum QRCodeError: Error, Equatable {
    /// The data does not fit in a version 40 symbol at the requested error correction level.
    case dataTooLong
    /// The requested mask is not in 0...7.
    case invalidMask
}

/// Format information (error correction level and mask, 7.9) and version information
/// (7.10): BCH-protected bit strings and where their two copies go in the symbol.
enum QRFormatInformation {
    /// The 15 format bits: 2 level bits and 3 mask bits, a BCH(15,5) remainder with
    /// generator 0x537, XORed with 0x5412 so the result is never all zero.
    static func formatBits(level: QRCode.ErrorCorrection, mask: Int) -> Int {
        let data = level.formatBits << 3 | mask
        return (data << 10 | bchRemainder(data, generator: 0x537, degree: 10)) ^ 0x5412
    }

    /// The 18 version bits: 6 version bits and a BCH(18,6) remainder with generator 0x1F25.
    static func versionBits(version: Int) -> Int {
        version << 12 | bchRemainder(version, generator: 0x1F25, degree: 12)
    }

    /// The remainder of data(x)·xᵈᵉᵍʳᵉᵉ divided by the generator, over GF(2).
    static func bchRemainder(_ data: Int, generator: Int, degree: Int) -> Int {
        var value = data << degree
        for bit in stride(from: value.bitWidth - value.leadingZeroBitCount - 1, through: degree, by: -1)
        where value >> bit & 1 == 1 {
            value ^= generator << (bit - degree)
        }
        return value
    }
}

extension QRCode.ErrorCorrection {
    /// The level's 2-bit indicator in the format information.
    var formatBits: Int {
        switch self {
        case .low: 0b01
        case .medium: 0b00
        case .quartile: 0b11
        case .high: 0b10
        }
    }
}

extension QRMatrix {
    /// The module that is always dark, beside the lower left finder pattern.
    var darkModule: (x: Int, y: Int) { (8, size - 8) }

    /// Both places of format bit `bit` (0 is the least significant): one around the
    /// upper left finder pattern, one split between the other two.
    func formatBitPositions(_ bit: Int) -> [(x: Int, y: Int)] {
        let first: (x: Int, y: Int) =
            switch bit {
            case 0...5: (8, bit)
            case 6: (8, 7)
            case 7: (8, 8)
            case 8: (7, 8)
            default: (14 - bit, 8)
            }
        let second: (x: Int, y: Int) = bit < 8 ? (size - 1 - bit, 8) : (8, size - 15 + bit)
        return [first, second]
    }

    /// Both places of version bit `bit` (0 is the least significant): a 6×3 block above
    /// the lower left finder pattern and its transpose left of the upper right one.
    func versionBitPositions(_ bit: Int) -> [(x: Int, y: Int)] {
        let along = bit / 3, across = size - 11 + bit % 3
        return [(along, across), (across, along)]
    }

    mutating func drawFormatInformation(level: QRCode.ErrorCorrection, mask: Int) {
        let bits = QRFormatInformation.formatBits(level: level, mask: mask)
        for bit in 0..<15 {
            for (x, y) in formatBitPositions(bit) { setFunction(x: x, y: y, dark: bits >> bit & 1 == 1) }
        }
        setFunction(x: darkModule.x, y: darkModule.y, dark: true)
    }

    /// Draws the version information; versions below 7 have none.
    mutating func drawVersionInformation() {
        guard version >= 7 else { return }
        let bits = QRFormatInformation.versionBits(version: version)
        for bit in 0..<18 {
            for (x, y) in versionBitPositions(bit) { setFunction(x: x, y: y, dark: bits >> bit & 1 == 1) }
        }
    }
}

/// The codeword sequence of a symbol: one byte-mode segment, terminator and padding
/// (ISO/IEC 18004, 7.4), split into blocks with their error correction codewords and
/// interleaved (7.5, 7.6).
enum QRCodewords {
    /// Data codewords for `bytes` in one byte-mode segment, padded to the version's capacity.
    static func data(_ bytes: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let capacityBits = QRVersionTable.dataCodewords(version: version, level: level) * 8
        var bits = BitBuffer()
        bits.append(0b0100, count: 4)  // byte mode indicator
        bits.append(bytes.count, count: QRVersionTable.byteCountBits(version: version))
        for byte in bytes { bits.append(Int(byte), count: 8) }
        precondition(bits.count <= capacityBits, "data exceeds the version's capacity")
        bits.append(0, count: min(4, capacityBits - bits.count))  // terminator
        bits.append(0, count: (8 - bits.count % 8) % 8)  // to a byte boundary
        var codewords = bits.bytes
        var pad: UInt8 = 0xEC  // then 0x11, alternating
        while codewords.count < capacityBits / 8 {
            codewords.append(pad)
            pad ^= 0xEC ^ 0x11
        }
        return codewords
    }

    /// The final sequence: data codewords of every block interleaved, then their error
    /// correction codewords interleaved. Blocks with one data codeword fewer come first.
    static func interleaved(_ data: [UInt8], version: Int, level: QRCode.ErrorCorrection) -> [UInt8] {
        let blockCount = QRVersionTable.blockCount(version: version, level: level)
        let ecCount = QRVersionTable.errorCorrectionCodewordsPerBlock(version: version, level: level)
        let shortLength = data.count / blockCount
        let longBlocks = data.count % blockCount
        var blocks: [[UInt8]] = []
        var start = 0
        for index in 0..<blockCount {
            let length = shortLength + (index >= blockCount - longBlocks ? 1 : 0)
            blocks.append(Array(data[start..<start + length]))
            start += length
        }
        var result: [UInt8] = []
        result.reserveCapacity(data.count + blockCount * ecCount)
        for i in 0...shortLength {
            for block in blocks where i < block.count { result.append(block[i]) }
        }
        let ecBlocks = blocks.map { ReedSolomon.errorCorrection(for: $0, count: ecCount) }
        for i in 0..<ecCount {
            for block in ecBlocks { result.append(block[i]) }
        }
        return result
    }
}

/// A growing sequence of bits, most significant bit of each value first.
struct BitBuffer {
    private(set) var bytes: [UInt8] = []
    private(set) var count = 0

    mutating func append(_ value: Int, count bitCount: Int) {
        for shift in stride(from: bitCount - 1, through: 0, by: -1) {
            if count % 8 == 0 { bytes.append(0) }
            if (value >> shift) & 1 == 1 { bytes[count / 8] |= 0x80 >> UInt8(count % 8) }
            count += 1
        }
    }
}

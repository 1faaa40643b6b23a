import QRCode
import Testing

/// Version choice, errors and the public accessors.
struct QRCodeTests {
    /// Byte-mode capacities from ISO/IEC 18004 Table 7: the largest input that fits a
    /// version, and one byte more moving to the next.
    @Test(arguments: [
        (1, QRCode.ErrorCorrection.low, 17), (1, .medium, 14), (1, .quartile, 11), (1, .high, 7),
        (2, .low, 32), (2, .medium, 26), (2, .quartile, 20), (2, .high, 14),
        (7, .low, 154), (7, .medium, 122), (7, .quartile, 86), (7, .high, 64),
        (10, .low, 271), (10, .medium, 213), (10, .quartile, 151), (10, .high, 119),
        (39, .low, 2809), (39, .medium, 2213), (39, .quartile, 1579), (39, .high, 1219),
    ])
    func picksTheSmallestVersionThatFits(version: Int, level: QRCode.ErrorCorrection, capacity: Int) throws {
        let fits = try QRCode(encoding: [UInt8](repeating: 0x61, count: capacity), errorCorrection: level, mask: 0)
        #expect(fits.version == version)
        let oneMore = try QRCode(
            encoding: [UInt8](repeating: 0x61, count: capacity + 1), errorCorrection: level, mask: 0)
        #expect(oneMore.version == version + 1)
    }

    @Test(arguments: [(QRCode.ErrorCorrection.low, 2953), (.medium, 2331), (.quartile, 1663), (.high, 1273)])
    func dataBeyondVersion40IsTooLong(level: QRCode.ErrorCorrection, capacity: Int) throws {
        #expect(
            try QRCode(encoding: [UInt8](repeating: 0x61, count: capacity), errorCorrection: level, mask: 0).version
                == 40)
        #expect(throws: QRCodeError.dataTooLong) {
            try QRCode(encoding: [UInt8](repeating: 0x61, count: capacity + 1), errorCorrection: level)
        }
    }

    @Test func rejectsMasksOutsideZeroToSeven() throws {
        #expect(throws: QRCodeError.invalidMask) { try QRCode(encoding: Array("x".utf8), mask: 8) }
        #expect(throws: QRCodeError.invalidMask) { try QRCode(encoding: Array("x".utf8), mask: -1) }
        for mask in 0...7 {
            #expect(try QRCode(encoding: Array("x".utf8), mask: mask).mask == mask)
        }
    }

    @Test func honoursTheMinimumVersion() throws {
        let code = try QRCode(encoding: Array("x".utf8), minimumVersion: 7)
        #expect(code.version == 7)
        #expect(code.size == 45)
        #expect(throws: QRCodeError.dataTooLong) { try QRCode(encoding: Array("x".utf8), minimumVersion: 41) }
    }

    @Test func textIsEncodedAsUTF8() throws {
        let text = "Grüße 🔐"
        #expect(
            try QRCode(encoding: text, errorCorrection: .quartile)
                == QRCode(encoding: Array(text.utf8), errorCorrection: .quartile))
        #expect(try QRCode(encoding: text) != QRCode(encoding: text, errorCorrection: .high))
    }

    @Test func drawsFinderPatternsAndTimingAndLightQuietZone() throws {
        let code = try QRCode(encoding: "Parley")
        #expect(code.version == 1)
        #expect(code.size == 21)
        let last = code.size - 1
        for (x, y) in [(0, 0), (last, 0), (0, last), (3, 3), (last - 3, 3), (3, last - 3), (8, code.size - 8)] {
            #expect(code.isDark(x: x, y: y))
        }
        for (x, y) in [(1, 1), (7, 7), (last - 7, 7), (7, last - 7)] {
            #expect(!code.isDark(x: x, y: y))
        }
        for i in 8...(last - 8) {
            #expect(code.isDark(x: i, y: 6) == (i % 2 == 0))
            #expect(code.isDark(x: 6, y: i) == (i % 2 == 0))
        }
        for (x, y) in [(-1, 0), (0, -1), (code.size, 0), (0, code.size)] {
            #expect(!code.isDark(x: x, y: y))
        }
    }
}

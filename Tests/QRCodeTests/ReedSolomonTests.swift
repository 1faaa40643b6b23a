@testable import QRCode
import Testing

/// GF(256) arithmetic, generator polynomials and error correction codewords against published values.
struct ReedSolomonTests {
    @Test func logAndExpTablesAreInverse() {
        #expect(Set(GF256.exp).count == 255)
        #expect(!GF256.exp.contains(0))
        for value in 1...255 {
            #expect(Int(GF256.exp[GF256.log[value]]) == value)
        }
        #expect(GF256.power(255) == 1)
        #expect(GF256.power(8) == 0x1D)  // α⁸ = x⁴ + x³ + x² + 1
    }

    @Test func multiplicationIsTheReducedCarrylessProduct() {
        for a in 0...255 {
            for b in 0...255 {
                var product = 0
                for bit in 0..<8 where b >> bit & 1 == 1 { product ^= a << bit }
                for bit in stride(from: 15, through: 8, by: -1) where product >> bit & 1 == 1 {
                    product ^= 0x11D << (bit - 8)
                }
                #expect(GF256.multiply(UInt8(a), UInt8(b)) == UInt8(product))
            }
        }
    }

    /// ISO/IEC 18004 Annex A, generator polynomial for 10 error correction codewords.
    @Test func generatorForTenCodewordsMatchesAnnexA() {
        let exponents = ReedSolomon.generator(degree: 10).map { GF256.log[Int($0)] }
        #expect(exponents == [0, 251, 67, 46, 61, 118, 70, 64, 94, 32, 45])
    }

    /// Every generator polynomial the tables use vanishes at α⁰ … αⁿ⁻¹.
    @Test(arguments: [7, 10, 13, 15, 16, 17, 18, 20, 22, 24, 26, 28, 30])
    func generatorHasTheConsecutiveRoots(degree: Int) {
        let generator = ReedSolomon.generator(degree: degree)
        #expect(generator.count == degree + 1)
        #expect(generator[0] == 1)
        for i in 0..<degree {
            let root = GF256.power(i)
            let value = generator.reduce(UInt8(0)) { GF256.multiply($0, root) ^ $1 }
            #expect(value == 0, "α^\(i) is not a root of the degree \(degree) generator")
        }
    }

    /// ISO/IEC 18004 Annex I: the codewords of the 1-M example symbol (Reed–Solomon does
    /// not depend on the data's mode).
    @Test func annexIExampleErrorCorrection() {
        let data: [UInt8] = [16, 32, 12, 86, 97, 128, 236, 17, 236, 17, 236, 17, 236, 17, 236, 17]
        #expect(ReedSolomon.errorCorrection(for: data, count: 10) == [165, 36, 212, 193, 237, 54, 199, 135, 44, 85])
    }

    /// "Parley" in byte mode at 1-M: mode 0100, count 00000110, the six bytes, terminator
    /// 0000, then pad codewords; error correction codewords as segno computes them.
    @Test func byteModeSymbolCodewords() {
        let data = QRCodewords.data(Array("Parley".utf8), version: 1, level: .medium)
        #expect(data == [UInt8](hex: "4065061726c65790ec11ec11ec11ec11"))
        #expect(
            QRCodewords.interleaved(data, version: 1, level: .medium)
                == [UInt8](hex: "4065061726c65790ec11ec11ec11ec11" + "6142eab0ac571eab2b0f"))
    }

    /// 5-Q has two blocks of 15 and two of 16 data codewords, 18 error correction
    /// codewords each; the final sequence interleaves them (values from segno).
    @Test func interleavesUnequalBlocks() {
        let uri = Array("otpauth://totp/Parley:ada?secret=JBSWY3DP".utf8)
        let data = QRCodewords.data(uri, version: 5, level: .quartile)
        #expect(data.count == 62)
        let expected = [UInt8](
            hex: """
                4202371196f526ecf7065711471743ec0626d41117c6a4ec57572511469335ec83a67511a21693ecf2463411f71345ec\
                46f70011f736ecec47561111ecec5e08998726751c93936ff907751b68296bbf0c8066979796a6ec2e78b252b8b8e3b4\
                ca252f60d0b531594dcd563a50ded26a2de7cac278086f41d52c189a4d511445fdade1aecd50
                """)
        #expect(QRCodewords.interleaved(data, version: 5, level: .quartile) == expected)
    }
}

private extension [UInt8] {
    init(hex: String) {
        let digits = Array(hex.utf8)
        self = stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }
}

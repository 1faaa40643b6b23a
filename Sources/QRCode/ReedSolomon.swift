/// Arithmetic in GF(2⁸) with the QR Code field polynomial x⁸ + x⁴ + x³ + x² + 1 (0x11D),
/// whose primitive element α is 2.
enum GF256 {
    /// `exp[i]` is αⁱ, for i in 0..<255.
    static let exp: [UInt8] = {
        var table = [UInt8](repeating: 0, count: 255)
        var value = 1
        for i in 0..<255 {
            table[i] = UInt8(value)
            value <<= 1
            if value & 0x100 != 0 { value ^= 0x11D }
        }
        return table
    }()

    /// `log[v]` is the exponent i with αⁱ = v, for v in 1...255 (`log[0]` is unused).
    static let log: [Int] = {
        var table = [Int](repeating: 0, count: 256)
        for (i, value) in exp.enumerated() { table[Int(value)] = i }
        return table
    }()

    /// αⁿ for any exponent n ≥ 0.
    static func power(_ n: Int) -> UInt8 { exp[n % 255] }

    static func multiply(_ a: UInt8, _ b: UInt8) -> UInt8 {
        if a == 0 || b == 0 { return 0 }
        return exp[(log[Int(a)] + log[Int(b)]) % 255]
    }
}

/// Reed–Solomon error correction codewords as QR Code uses them (ISO/IEC 18004, 7.5.2).
enum ReedSolomon {
    /// The generator polynomial (x − α⁰)(x − α¹)…(x − αⁿ⁻¹) of degree `degree`,
    /// coefficients from the highest power down; the leading coefficient is 1.
    static func generator(degree: Int) -> [UInt8] {
        var polynomial: [UInt8] = [1]
        for i in 0..<degree {
            let root = GF256.power(i)
            var next = [UInt8](repeating: 0, count: polynomial.count + 1)
            for (j, coefficient) in polynomial.enumerated() {
                next[j] ^= coefficient
                next[j + 1] ^= GF256.multiply(coefficient, root)
            }
            polynomial = next
        }
        return polynomial
    }

    /// The `count` error correction codewords of one block: the remainder of
    /// data(x)·xᶜᵒᵘⁿᵗ divided by the generator polynomial.
    static func errorCorrection(for data: [UInt8], count: Int) -> [UInt8] {
        guard count > 0 else { return [] }
        let generator = generator(degree: count)
        var remainder = [UInt8](repeating: 0, count: count)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for i in 0..<count {
                remainder[i] ^= GF256.multiply(generator[i + 1], factor)
            }
        }
        return remainder
    }
}

@testable import QRCode
import Testing

/// Whole symbols (version, mask and every module) against segno, an independent encoder.
@Suite(.enabled(if: SegnoReference.enabled, "needs python3 with segno (python3 -m pip install segno)"))
struct SegnoComparisonTests {
    struct Sample: Sendable, CustomTestStringConvertible {
        let name: String
        let bytes: [UInt8]
        var testDescription: String { "\(name) (\(bytes.count) bytes)" }
    }

    static let samples: [Sample] = [
        Sample(name: "short ASCII", bytes: Array("Parley".utf8)),
        Sample(
            name: "otpauth URI",
            bytes: Array(
                "otpauth://totp/Parley:ada%40example.com?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Parley&algorithm=SHA1&digits=6&period=30"
                    .utf8)),
        Sample(name: "UTF-8 text", bytes: Array("Grüße aus Zürich — ユーザー認証 🔐".utf8)),
        Sample(
            name: "300 bytes",
            bytes: Array(String(repeating: "Parley two-factor 0123456789 ", count: 11).utf8.prefix(300))),
        Sample(name: "every byte value", bytes: (0...255).map(UInt8.init)),
    ]

    /// The smallest version that fits and the mask with the lowest penalty, at every level.
    @Test(arguments: samples)
    func automaticVersionAndMaskMatch(_ sample: Sample) async throws {
        let levels = QRCode.ErrorCorrection.allCases
        let references = try await SegnoReference.symbols(levels.map { .init(bytes: sample.bytes, level: $0) })
        for (level, reference) in zip(levels, references) {
            let code = try QRCode(encoding: sample.bytes, errorCorrection: level)
            compare(code.referenceSymbol, reference, "\(level)")
        }
    }

    /// Each of the eight masks, forced, at every level.
    @Test func everyForcedMaskMatches() async throws {
        let bytes = Self.samples[1].bytes
        let requests: [SegnoReference.Request] = QRCode.ErrorCorrection.allCases.flatMap { level in
            (0...7).map { SegnoReference.Request(bytes: bytes, level: level, mask: $0) }
        }
        for (request, reference) in zip(requests, try await SegnoReference.symbols(requests)) {
            let code = try QRCode(encoding: bytes, errorCorrection: request.level, mask: request.mask)
            compare(code.referenceSymbol, reference, "\(request.level) mask \(request.mask!)")
        }
    }

    /// Every version 1–40 at every level, each filled to capacity with pseudo-random bytes:
    /// capacities, block structure, alignment patterns, version information and remainder
    /// bits. The mask is forced (cycling through all eight) to keep segno fast.
    @Test func everyVersionMatchesAtFullCapacity() async throws {
        let levels = QRCode.ErrorCorrection.allCases
        let requests: [SegnoReference.Request] = (1...40).flatMap { version in
            levels.enumerated().map { index, level in
                let count = QRVersionTable.byteCapacity(version: version, level: level)
                return SegnoReference.Request(
                    bytes: pseudoRandomBytes(count, seed: UInt32(version * 4 + index)),
                    level: level, mask: (version + index) % 8)
            }
        }
        let references = try await SegnoReference.symbols(requests)
        for (index, (request, reference)) in zip(requests, references).enumerated() {
            let code = try QRCode(encoding: request.bytes, errorCorrection: request.level, mask: request.mask)
            #expect(code.version == index / 4 + 1)
            compare(code.referenceSymbol, reference, "\(index / 4 + 1)-\(request.level)")
        }
    }

    /// segno resumes its search for finder-like (1:1:3:1:1) patterns after each one it
    /// counts, so it misses a second pattern sharing that one's last dark module; every
    /// occurrence is counted here. For this input that changes the best mask (segno picks 0),
    /// so the symbol is compared with segno's mask forced to ours.
    @Test func findersSharingAModuleCountTwiceWithTheMaskForced() async throws {
        let bytes: [UInt8] = [0x0D, 0x42, 0xEF, 0xF9, 0x24, 0x67, 0x88, 0x82, 0x10, 0xF4, 0x75, 0x01]
        let code = try QRCode(encoding: bytes, errorCorrection: .high)
        #expect(code.mask == 3)
        let reference = try await SegnoReference.symbols([.init(bytes: bytes, level: .high, mask: code.mask)])
        compare(code.referenceSymbol, reference[0], "2-H")
    }

    private func compare(
        _ ours: SegnoReference.Symbol, _ reference: SegnoReference.Symbol, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(ours.version == reference.version, "\(label): version", sourceLocation: sourceLocation)
        #expect(ours.mask == reference.mask, "\(label): mask", sourceLocation: sourceLocation)
        guard ours.rows.count == reference.rows.count else {
            Issue.record(
                "\(label): \(ours.rows.count) rows, segno has \(reference.rows.count)", sourceLocation: sourceLocation)
            return
        }
        let differing = zip(ours.rows, reference.rows).enumerated().flatMap { y, rows in
            zip(rows.0, rows.1).enumerated().filter { $0.element.0 != $0.element.1 }.map { "(\($0.offset), \(y))" }
        }
        let differingCount = differing.count
        #expect(
            differingCount == 0, "\(label): modules differ, first at \(differing.prefix(5))",
            sourceLocation: sourceLocation)
    }

    /// A fixed byte sequence from a linear congruential generator.
    private func pseudoRandomBytes(_ count: Int, seed: UInt32) -> [UInt8] {
        var state = seed
        return (0..<count).map { _ in
            state = state &* 1_664_525 &+ 1_013_904_223
            return UInt8(truncatingIfNeeded: state >> 24)
        }
    }
}

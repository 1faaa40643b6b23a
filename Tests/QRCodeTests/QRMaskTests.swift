@testable import QRCode
import Testing

/// The data mask patterns and each penalty rule of ISO/IEC 18004 7.8.3 on its own.
struct QRMaskTests {
    private static func line(_ text: String) -> [Bool] { text.map { $0 == "1" } }

    /// The top left 6×6 corner of each mask pattern, 1 where the module is inverted,
    /// worked out from the conditions of ISO/IEC 18004 Table 10 (i is the row, j the column).
    @Test func maskPatternsMatchTheirDefinitions() {
        let corners = [
            ["101010", "010101", "101010", "010101", "101010", "010101"],
            ["111111", "000000", "111111", "000000", "111111", "000000"],
            ["100100", "100100", "100100", "100100", "100100", "100100"],
            ["100100", "001001", "010010", "100100", "001001", "010010"],
            ["111000", "111000", "000111", "000111", "111000", "111000"],
            ["111111", "100000", "100100", "101010", "100100", "100000"],
            ["111111", "111000", "110110", "101010", "101101", "100011"],
            ["101010", "000111", "100011", "010101", "111000", "011100"],
        ]
        for (mask, rows) in corners.enumerated() {
            let drawn = (0..<6).map { y in String((0..<6).map { QRMatrix.maskInverts(mask, x: $0, y: y) ? "1" : "0" }) }
            #expect(drawn == rows, "mask \(mask)")
        }
    }

    @Test func runsOfFiveOrMoreScoreThreePlusTheExcess() {
        #expect(QRMatrix.runPenalty(Self.line("0101010101")) == 0)
        #expect(QRMatrix.runPenalty(Self.line("1111010101")) == 0)
        #expect(QRMatrix.runPenalty(Self.line("1111101010")) == 3)
        #expect(QRMatrix.runPenalty(Self.line("0111111010")) == 4)
        #expect(QRMatrix.runPenalty(Self.line("1010000000")) == 5)  // run at the end
        #expect(QRMatrix.runPenalty(Self.line("1111100000")) == 6)  // two runs
        #expect(QRMatrix.runPenalty(Self.line("0000000000")) == 8)
    }

    @Test func finderLikePatternsNeedFourLightModulesOnOneSide() {
        #expect(QRMatrix.finderLikePenalty(Self.line("00001011101")) == 40)  // light before, edge after
        #expect(QRMatrix.finderLikePenalty(Self.line("1011101")) == 40)  // the edge counts as light
        #expect(QRMatrix.finderLikePenalty(Self.line("1110111010000")) == 40)  // light after only
        #expect(QRMatrix.finderLikePenalty(Self.line("1110111010111")) == 0)  // neither side light
        #expect(QRMatrix.finderLikePenalty(Self.line("1000101110110001")) == 0)  // three light modules only
        #expect(QRMatrix.finderLikePenalty(Self.line("10110101")) == 0)  // not 1:1:3:1:1
        #expect(QRMatrix.finderLikePenalty(Self.line("0000101110100001011101")) == 80)
        // Two patterns sharing a dark module: each has light on its outer side, so both count.
        #expect(QRMatrix.finderLikePenalty(Self.line("0000010111010111 01".filter { $0 != " " })) == 80)
    }

    @Test func everyTwoByTwoBlockOfOneColourScoresThree() {
        let grid = ["110", "110", "001"].flatMap(Self.line)
        #expect(QRMatrix.blockPenalty(grid, size: 3) == 3)
        #expect(QRMatrix.blockPenalty(Array(repeating: false, count: 9), size: 3) == 12)
        #expect(QRMatrix.blockPenalty(["10", "01"].flatMap(Self.line), size: 2) == 0)
    }

    @Test func balanceScoresTenPerFullFivePercentStep() {
        #expect(QRMatrix.balancePenalty(darkModules: 50, totalModules: 100) == 0)
        #expect(QRMatrix.balancePenalty(darkModules: 54, totalModules: 100) == 0)
        #expect(QRMatrix.balancePenalty(darkModules: 55, totalModules: 100) == 10)
        #expect(QRMatrix.balancePenalty(darkModules: 41, totalModules: 100) == 10)
        #expect(QRMatrix.balancePenalty(darkModules: 40, totalModules: 100) == 20)
        #expect(QRMatrix.balancePenalty(darkModules: 220, totalModules: 441) == 0)  // 49.9 %
        #expect(QRMatrix.balancePenalty(darkModules: 0, totalModules: 441) == 100)
    }

    /// The chosen mask is the one with the lowest total penalty, the lowest number on a tie.
    @Test func bestMaskHasTheLowestPenalty() {
        var matrix = QRMatrix(version: 2)
        matrix.place(
            QRCodewords.interleaved(
                QRCodewords.data(Array("Parley".utf8), version: 2, level: .low),
                version: 2, level: .low))
        let scores = QRMatrix.maskPatterns.map { mask in
            var masked = matrix
            masked.applyMask(mask)
            return masked.penalty()
        }
        #expect(matrix.bestMask() == scores.firstIndex(of: scores.min()!))
    }
}

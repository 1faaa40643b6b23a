@testable import QRCode
import Testing

/// The version table against ISO/IEC 18004 Tables 1 and 9.
struct QRVersionTableTests {
    /// Total codewords and remainder bits of a version (Table 1).
    @Test(arguments: [
        (1, 26, 0), (2, 44, 7), (6, 172, 7), (7, 196, 0), (14, 581, 3), (21, 1156, 4),
        (27, 1828, 4), (28, 1921, 3), (34, 2761, 3), (35, 2876, 0), (40, 3706, 0),
    ])
    func codewordsAndRemainderBits(version: Int, codewords: Int, remainder: Int) {
        #expect(QRVersionTable.totalCodewords(version: version) == codewords)
        #expect(QRVersionTable.remainderBits(version: version) == remainder)
    }

    /// Capacity grows with every version and shrinks with every stronger level.
    @Test func capacityGrowsWithVersionAndShrinksWithLevel() {
        for version in QRVersionTable.versions {
            let capacities = QRCode.ErrorCorrection.allCases.map {
                QRVersionTable.byteCapacity(version: version, level: $0)
            }
            #expect(
                capacities == capacities.sorted(by: >) && Set(capacities).count == 4,
                "version \(version): \(capacities)")
            if version > 1 {
                for level in QRCode.ErrorCorrection.allCases {
                    #expect(
                        QRVersionTable.byteCapacity(version: version, level: level)
                            > QRVersionTable.byteCapacity(version: version - 1, level: level), "\(version)-\(level)")
                }
            }
        }
    }

    /// Data codewords at each level (Table 9), for a few versions.
    @Test(arguments: [
        (1, [19, 16, 13, 9]), (5, [108, 86, 62, 46]), (10, [274, 216, 154, 122]),
        (40, [2956, 2334, 1666, 1276]),
    ])
    func dataCodewords(version: Int, perLevel: [Int]) {
        #expect(
            QRCode.ErrorCorrection.allCases.map { QRVersionTable.dataCodewords(version: version, level: $0) }
                == perLevel)
    }
}

import Foundation
import Testing
import ZipArchive

@Suite struct CRC32Tests {
    @Test func standardCheckValue() {
        #expect(CRC32.checksum(Data("123456789".utf8)) == 0xCBF4_3926)
    }

    @Test func emptyInputIsZero() {
        #expect(CRC32().value == 0)
    }

    @Test func incrementalUpdatesMatchOneShot() {
        let data = Data((0..<10_000).map { UInt8(truncatingIfNeeded: $0 &* 7) })
        var crc = CRC32()
        var start = 0
        for length in [1, 0, 13, 999, 4096] + Array(repeating: 1000, count: 5) where start < data.count {
            let end = min(start + length, data.count)
            crc.update(data[start..<end])
            start = end
        }
        crc.update(data[start...])
        #expect(crc.value == CRC32.checksum(data))
    }
}

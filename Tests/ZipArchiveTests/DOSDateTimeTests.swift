import Foundation
import Testing
@testable import ZipArchive

@Suite struct DOSDateTimeTests {
    @Test func encodesUTCFields() {
        // 2023-11-14 22:13:20 UTC
        let value = DOSDateTime(sampleDate)
        #expect(value.date == UInt16(43 << 9 | 11 << 5 | 14))
        #expect(value.time == UInt16(22 << 11 | 13 << 5 | 10))
    }

    @Test func oddSecondsRoundDown() {
        #expect(DOSDateTime(sampleDate.addingTimeInterval(1.9)) == DOSDateTime(sampleDate))
    }

    @Test func clampsToRepresentableRange() {
        let earliest = DOSDateTime(time: 0, date: UInt16(1 << 5 | 1))
        let latest = DOSDateTime(time: UInt16(23 << 11 | 59 << 5 | 29), date: UInt16(127 << 9 | 12 << 5 | 31))
        #expect(DOSDateTime(Date(timeIntervalSince1970: 0)) == earliest)
        #expect(DOSDateTime(Date.distantPast) == earliest)
        #expect(DOSDateTime(Date.distantFuture) == latest)
    }
}

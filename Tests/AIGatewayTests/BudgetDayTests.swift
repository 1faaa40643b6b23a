import Foundation
import Testing
@testable import AIGateway

@Suite struct BudgetDayTests {
    /// The arithmetic agrees with Foundation's Gregorian calendar in UTC, across leap years, centuries and the
    /// moments either side of midnight.
    @Test func matchesTheGregorianCalendarInUTC() {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        var checked = 0
        for seconds in stride(from: -2_208_988_800.0, through: 7_258_118_400.0, by: 86_400 * 13 + 3_601) {
            for moment in [
                seconds, (seconds / 86_400).rounded(.down) * 86_400, (seconds / 86_400).rounded(.down) * 86_400 - 0.5,
            ] {
                let date = Date(timeIntervalSince1970: moment)
                let parts = calendar.dateComponents([.year, .month, .day], from: date)
                let expected = String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
                #expect(BudgetDay.of(date) == expected, "\(moment)")
                checked += 1
            }
        }
        #expect(checked > 20_000)
        #expect(BudgetDay.of(Date(timeIntervalSince1970: 951_782_400)) == "2000-02-29")
        #expect(BudgetDay.of(Date(timeIntervalSince1970: 1_795_391_999)) == "2026-11-22")
    }
}

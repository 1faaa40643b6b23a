import Foundation

/// The MS-DOS date and time fields stored in ZIP headers, taken from a `Date` in UTC.
///
/// The format covers 1980-01-01 through 2107-12-31 with two-second resolution;
/// earlier and later dates are clamped to those bounds and odd seconds round down.
struct DOSDateTime: Equatable, Sendable {
    /// Bits 15–11 hour, 10–5 minute, 4–0 seconds divided by two.
    var time: UInt16
    /// Bits 15–9 years since 1980, 8–5 month, 4–0 day.
    var date: UInt16

    init(time: UInt16, date: UInt16) {
        self.time = time
        self.date = date
    }

    init(_ instant: Date) {
        let parts = Self.utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let year = parts.year ?? 1980
        if year < 1980 {
            self.init(year: 1980, month: 1, day: 1, hour: 0, minute: 0, second: 0)
        } else if year > 2107 {
            self.init(year: 2107, month: 12, day: 31, hour: 23, minute: 59, second: 58)
        } else {
            self.init(
                year: year, month: parts.month ?? 1, day: parts.day ?? 1,
                hour: parts.hour ?? 0, minute: parts.minute ?? 0, second: parts.second ?? 0)
        }
    }

    private init(year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int) {
        date = UInt16((year - 1980) << 9 | month << 5 | day)
        time = UInt16(hour << 11 | minute << 5 | second / 2)
    }

    private static let utc: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 0)!
        return calendar
    }()
}

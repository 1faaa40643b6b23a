import Foundation

/// The two UTC date forms SigV4 uses: `20130524T000000Z` and `20130524`.
///
/// Computed arithmetically, with no formatter, locale or calendar involved.
struct AmzDate: Sendable, Equatable {
    /// ISO 8601 basic format, e.g. `20130524T000000Z` (the `x-amz-date` value).
    let timestamp: String
    /// The date part, e.g. `20130524` (used in the credential scope).
    let day: String

    init(_ date: Date) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let secondOfDay = seconds - days * 86_400
        let (year, month, dayOfMonth) = AmzDate.civil(fromDays: days)
        day = AmzDate.pad(year, 4) + AmzDate.pad(month, 2) + AmzDate.pad(dayOfMonth, 2)
        timestamp = day + "T"
            + AmzDate.pad(secondOfDay / 3600, 2)
            + AmzDate.pad(secondOfDay % 3600 / 60, 2)
            + AmzDate.pad(secondOfDay % 60, 2) + "Z"
    }

    /// Proleptic Gregorian date from days since 1970-01-01 (H. Hinnant's algorithm).
    private static func civil(fromDays z0: Int64) -> (Int64, Int64, Int64) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        return (yoe + era * 400 + (m <= 2 ? 1 : 0), m, d)
    }

    private static func pad(_ value: Int64, _ width: Int) -> String {
        let digits = String(value)
        return String(repeating: "0", count: max(0, width - digits.count)) + digits
    }
}

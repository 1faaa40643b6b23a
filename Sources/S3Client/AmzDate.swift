import Foundation

/// The two UTC date forms SigV4 uses: `20130524T000000Z` and `20130524`.
///
/// Computed arithmetically (`CivilDate`), with no formatter, locale or calendar involved.
struct AmzDate: Sendable, Equatable {
    /// ISO 8601 basic format, e.g. `20130524T000000Z` (the `x-amz-date` value).
    let timestamp: String
    /// The date part, e.g. `20130524` (used in the credential scope).
    let day: String

    init(_ date: Date) {
        let civil = CivilDate(date)
        let pad = CivilDate.pad
        day = pad(civil.year, 4) + pad(civil.month, 2) + pad(civil.day, 2)
        timestamp =
            day + "T" + pad(civil.secondOfDay / 3600, 2) + pad(civil.secondOfDay % 3600 / 60, 2)
            + pad(civil.secondOfDay % 60, 2) + "Z"
    }
}

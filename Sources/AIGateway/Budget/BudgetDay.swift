import Foundation
import S3Client

/// The UTC day budgets and usage are counted in, as `yyyy-MM-dd`.
///
/// Every call asks for the day; building a `Calendar` and `TimeZone` each time took Foundation's locks under
/// concurrent load, so the date is computed arithmetically (`CivilDate`).
enum BudgetDay {
    static func of(_ date: Date) -> String {
        let civil = CivilDate(date)
        return CivilDate.pad(civil.year, 4) + "-" + CivilDate.pad(civil.month, 2) + "-" + CivilDate.pad(civil.day, 2)
    }
}

/// Prices: micro-USD for a number of tokens at a price per million, rounded up so nothing is free by rounding.
enum Pricing {
    static func cost(tokens: Int, perMillion price: Int) -> Int {
        guard tokens > 0, price > 0 else { return 0 }
        // Saturates rather than trapping: a cost too large to count is refused by any budget all the same.
        let (product, overflow) = tokens.multipliedReportingOverflow(by: price)
        guard !overflow, product <= Int.max - 999_999 else { return Int.max / 1_000_000 }
        return (product + 999_999) / 1_000_000
    }
}

import Foundation

/// The UTC day budgets and usage are counted in, as `yyyy-MM-dd`.
///
/// Plain arithmetic on the civil calendar (Howard Hinnant's `civil_from_days`): every call asks for the day,
/// and building a `Calendar` and `TimeZone` each time took Foundation's locks under concurrent load.
enum BudgetDay {
    static func of(_ date: Date) -> String {
        let days = Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
        let shifted = days + 719_468
        let era = (shifted >= 0 ? shifted : shifted - 146_096) / 146_097
        let dayOfEra = shifted - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let monthIndex = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
        let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        return pad(year, 4) + "-" + pad(month, 2) + "-" + pad(day, 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let text = String(value)
        return String(repeating: "0", count: max(0, width - text.count)) + text
    }
}

/// Prices: micro-USD for a number of tokens at a price per million, rounded up so nothing is free by rounding.
enum Pricing {
    static func cost(tokens: Int, perMillion price: Int) -> Int {
        guard tokens > 0, price > 0 else { return 0 }
        return (tokens * price + 999_999) / 1_000_000
    }
}

import Foundation

/// The UTC day budgets and usage are counted in, as `yyyy-MM-dd`.
enum BudgetDay {
    static func of(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.year, .month, .day], from: date)
        return String(format: "%04d-%02d-%02d", parts.year!, parts.month!, parts.day!)
    }
}

/// Prices: micro-USD for a number of tokens at a price per million, rounded up so nothing is free by rounding.
enum Pricing {
    static func cost(tokens: Int, perMillion price: Int) -> Int {
        guard tokens > 0, price > 0 else { return 0 }
        return (tokens * price + 999_999) / 1_000_000
    }
}

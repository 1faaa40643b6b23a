import Fluent
import Foundation
import ParleyCore

/// One row of `plans`: a `Plan` stored as data, its features and limits as JSON.
final class PlanRow: Model, @unchecked Sendable {
    static let schema = "plans"

    @ID(custom: "id", generatedBy: .user) var id: String?
    @Field(key: "name") var name: String
    @Field(key: "position") var position: Int
    @Field(key: "features") var features: String
    @Field(key: "limits") var limits: String

    init() {}

    var plan: Plan { PlanCoding.plan(id: id ?? "", name: name, features: features, limits: limits) }
}

/// How plans are stored: features as a JSON array of names, limits as a JSON object of integers. Names no module of
/// this build declares are kept and change nothing; missing limits count as zero.
enum PlanCoding {
    static func plan(id: String, name: String, features: String, limits: String) -> Plan {
        let names = (try? JSONDecoder().decode([String].self, from: Data(features.utf8))) ?? []
        let values = (try? JSONDecoder().decode([String: Int].self, from: Data(limits.utf8))) ?? [:]
        return Plan(
            id: id, name: name, features: Set(names.map(PlanFeature.init(rawValue:))),
            limits: Dictionary(
                uniqueKeysWithValues: values.map { key, value in (PlanLimit(rawValue: key), value) }))
    }
}

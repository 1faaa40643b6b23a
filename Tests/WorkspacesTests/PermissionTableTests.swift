@testable import App
import Foundation
import ParleyCore
import ParleyTestSupport
import Testing
@testable import Workspaces

@Suite struct PermissionTableTests {
    /// The roles matrix as docs/WORKSPACES.md states it, written out independently of the code.
    static let expected: [Permission: Set<Role>] = [
        .readWorkspace: [.owner, .admin, .member],
        .leaveWorkspace: [.owner, .admin, .member],
        .updateWorkspace: [.owner, .admin],
        .deleteWorkspace: [.owner],
        .exportWorkspace: [.owner],
        .readUsage: [.owner, .admin, .member],
        .readMembers: [.owner, .admin, .member],
        .inviteMembers: [.owner, .admin],
        .changeMemberRoles: [.owner, .admin],
        .removeMembers: [.owner, .admin],
        .manageOwners: [.owner],
        .readAPIKeys: [.owner, .admin],
        .manageAPIKeys: [.owner, .admin],
        .readAudit: [.owner, .admin],
        .readFiles: [.owner, .admin, .member],
        .uploadFiles: [.owner, .admin, .member],
        .deleteFiles: [.owner, .admin],
        .readAIUsage: [.owner, .admin],
        .manageAIBudget: [.owner],
        .manageSecurityPolicy: [.owner],
    ]

    /// Every module's permissions, as the application gathers them.
    static let all: [Permission] = App.modules.flatMap { $0.permissions }

    @Test func everyPermissionAndRoleMatchesTheMatrix() throws {
        #expect(Set(Self.expected.keys) == Set(Self.all), "a new permission needs its row in the matrix")
        #expect(Set(Self.all).count == Self.all.count, "two modules declare one permission")
        for permission in Self.all {
            for role in Role.allCases {
                let context = TenantContext.member(UUID(), role: role, in: UUID(), plan: PlanCatalog.free)
                let allowed = (try? context.authorize(permission)) != nil
                #expect(
                    allowed == Self.expected[permission]!.contains(role), "\(permission.rawValue) for \(role.rawValue)")
            }
        }
    }

    @Test func apiKeysNeedTheScopeAndNeverManageKeysOwnersOrTheWorkspace() throws {
        let everything = Set(Self.all.grantableScopes)
        for permission in Self.all {
            let all = TenantContext.apiKey(UUID(), scopes: everything, in: UUID(), plan: PlanCatalog.business)
            let none = TenantContext.apiKey(UUID(), scopes: [], in: UUID(), plan: PlanCatalog.business)
            #expect((try? none.authorize(permission)) == nil, "a key without scopes may not \(permission.rawValue)")
            let personOnly: Set<Permission> = [
                .leaveWorkspace, .deleteWorkspace, .exportWorkspace, .manageOwners, .readAPIKeys, .manageAPIKeys,
                .manageAIBudget,
                .manageSecurityPolicy,
            ]
            #expect(
                ((try? all.authorize(permission)) != nil) == !personOnly.contains(permission), "\(permission.rawValue)")
        }
        let reader = TenantContext.apiKey(
            UUID(), scopes: [APIKeyScope("members:read")!], in: UUID(), plan: PlanCatalog.pro)
        #expect((try? reader.authorize(.readMembers)) != nil)
        #expect(throws: TenancyError.self) { try reader.authorize(.inviteMembers) }
        let writer = TenantContext.apiKey(
            UUID(), scopes: [APIKeyScope("members:write")!], in: UUID(), plan: PlanCatalog.pro)
        #expect((try? writer.authorize(.readMembers)) != nil, "write implies read")
        #expect(APIKeyScope("members:delete") == nil)
        #expect(APIKeyScope("Members:read") == nil && APIKeyScope(":read") == nil)
        #expect(
            !Self.all.grantableScopes.contains(APIKeyScope("nothing:read")!),
            "no module grants an area it does not declare")
        #expect(
            Self.all.grantableScopes.map(\.description) == [
                "workspace:read", "workspace:write", "members:read", "members:write",
                "audit:read", "audit:write", "files:read", "files:write", "ai:read", "ai:write",
            ])
    }

    @Test func theDocsShowTheMatrixTheCodeEnforces() throws {
        let readme = try String(contentsOfFile: TestEnvironment.repositoryRoot + "/docs/WORKSPACES.md", encoding: .utf8)
        #expect(
            readme.contains(RolesMatrix.markdown(Self.all)),
            "docs/WORKSPACES.md must contain the matrix printed by RolesMatrix.markdown(Self.all):\n\(RolesMatrix.markdown(Self.all))"
        )
    }

    @Test func plansRefuseMissingFeaturesAndPassedLimitsWithA402NamingThem() throws {
        #expect(throws: TenancyError.featureNotInPlan(.apiAccess, plan: "Free")) {
            try PlanCatalog.free.require(.apiAccess)
        }
        #expect(throws: TenancyError.planLimitReached(.seats, limit: 3, plan: "Free")) {
            try PlanCatalog.free.check(.seats, used: 3)
        }
        try PlanCatalog.free.check(.seats, used: 2)
        let decoded = PlanCoding.plan(
            id: "x", name: "X", features: #"["webhooks"]"#, limits: #"{"seats":4}"#)
        #expect(
            decoded.features == [PlanFeature(rawValue: "webhooks")] && decoded.limit(.seats) == 4
                && decoded.limit(PlanLimit(rawValue: "sites")) == 0)
    }

    @Test func slugsAreCheckedAndMadeFromNames() {
        #expect(Slug.problem("acme-sales") == nil)
        #expect(Slug.problem("ab") != nil)
        #expect(Slug.problem("Acme") != nil)
        #expect(Slug.problem("-acme") != nil)
        #expect(Slug.problem("api") != nil)
        let made = Slug.make(from: "Ådа's Café!", random: .system)
        #expect(Slug.problem(made) == nil, "\(made)")
        #expect(made.hasPrefix("ad"))
    }
}

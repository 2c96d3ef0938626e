// swift-tools-version:6.1
import PackageDescription

let strictSettings: [SwiftSetting] = [
    .enableUpcomingFeature("ExistentialAny")
]

/// What the emulator's two test targets import: the emulator, its test support and a raw HTTP client.
let emulatorTestDependencies: [Target.Dependency] = [
    "CVATEmulator", "EmulatorTestSupport",
    .product(name: "AsyncHTTPClient", package: "async-http-client"),
    .product(name: "NIOCore", package: "swift-nio"),
    .product(name: "NIOHTTP1", package: "swift-nio"),
]

let package = Package(
    name: "cvat-authcheck",
    platforms: [.macOS(.v15)],  // Synchronization's Mutex
    products: [
        .executable(name: "cvat-authcheck", targets: ["cvat-authcheck"]),
        .executable(name: "cvat-authcheck-bench", targets: ["cvat-authcheck-bench"]),
        .library(name: "AuthCheckCore", targets: ["AuthCheckCore"]),
        .library(name: "AuthCheckHTTP", targets: ["AuthCheckHTTP"]),
        .library(name: "AuthCheckProbes", targets: ["AuthCheckProbes"]),
        .library(name: "AuthCheckPlugins", targets: ["AuthCheckPlugins"]),
        .library(name: "AuthCheckReport", targets: ["AuthCheckReport"]),
        .library(name: "AuthCheckRun", targets: ["AuthCheckRun"]),
        .library(name: "CVATEmulator", targets: ["CVATEmulator"]),
        .plugin(name: "CheckMatrices", targets: ["CheckMatrices"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/swift-server/async-http-client", from: "1.37.0"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-http-types", from: "1.8.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.13.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.28.1", traits: []),
    ],
    targets: [
        // C libraries from the system (Debian: libxml2-dev, zlib1g-dev).
        .systemLibrary(name: "CLibXML2", pkgConfig: "libxml-2.0", providers: [.apt(["libxml2-dev"])]),
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),

        // Model, profiles, resolver, runner, plugin registry, redaction.
        .target(
            name: "AuthCheckCore",
            dependencies: [
                .product(name: "Logging", package: "swift-log"),
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // HTTP exchanges with full control over cookies, redirects, TLS and timeouts.
        .target(
            name: "AuthCheckHTTP",
            dependencies: [
                "AuthCheckCore",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "NIOTLS", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // The stable ids of the built-in probes, in one place (read by the build-time profile checker too).
        .target(
            name: "AuthCheckProbeIDs",
            swiftSettings: strictSettings
        ),
        // Built-in probes and the diagnosis catalogue.
        .target(
            name: "AuthCheckProbes",
            dependencies: ["AuthCheckCore", "AuthCheckHTTP", "AuthCheckProbeIDs"],
            swiftSettings: strictSettings
        ),
        // External plugins: manifests, discovery, process supervision, protocol 1, backends.
        .target(
            name: "AuthCheckPlugins",
            dependencies: [
                "AuthCheckCore",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        // JUnit (libxml2), JSON, Markdown, HTML, OpenMetrics, gzip (zlib), atomic writes.
        .target(
            name: "AuthCheckReport",
            dependencies: ["AuthCheckCore", "AuthCheckProbeIDs", "CLibXML2", "CZlib"],
            swiftSettings: strictSettings,
            plugins: ["EmbedJUnitSchema"]
        ),
        // An emulated CVAT server; written from the reference, never reads matrices/.
        .target(
            name: "CVATEmulator",
            dependencies: [
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdCore", package: "hummingbird"),
                .product(name: "HummingbirdTLS", package: "hummingbird"),
                .product(name: "HTTPTypes", package: "swift-http-types"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            swiftSettings: strictSettings
        ),
        // The bundled profiles, embedded into the binary by the EmbedMatrices build-tool plugin.
        // Every file in matrices/ (except the README) belongs to the target, so SwiftPM hands the YAML
        // files to the plugin and re-runs it when one is added, edited or removed.
        .target(
            name: "AuthCheckMatrices",
            dependencies: ["AuthCheckCore"],
            path: "matrices",
            exclude: ["README.md"],
            swiftSettings: strictSettings,
            plugins: ["EmbedMatrices"]
        ),
        // Host tool used by EmbedMatrices: validates the profiles and writes the embedded copy.
        .executableTarget(
            name: "AuthCheckMatrixTool",
            dependencies: ["AuthCheckCore", "AuthCheckProbeIDs"],
            swiftSettings: strictSettings
        ),
        .plugin(
            name: "EmbedMatrices",
            capability: .buildTool(),
            dependencies: ["AuthCheckMatrixTool"]
        ),
        // Embeds the JUnit schema (Sources/AuthCheckReport/Resources/cvat-authcheck-junit.xsd) into AuthCheckReport.
        .plugin(
            name: "EmbedJUnitSchema",
            capability: .buildTool(),
            dependencies: ["AuthCheckMatrixTool"]
        ),
        .plugin(
            name: "CheckMatrices",
            capability: .command(
                intent: .custom(
                    verb: "check-matrices", description: "Check the package's CVAT profile matrices (same checks as `cvat-authcheck profiles check`)."
                ),
                permissions: []
            ),
            // The small host tool (core + Yams), never the checker executable with its HTTP stack.
            dependencies: ["AuthCheckMatrixTool"]
        ),
        // The commit the tool is built from (`--version`), recorded before each build by EmbedBuildCommit.
        .target(
            name: "AuthCheckBuildInfo",
            swiftSettings: strictSettings,
            plugins: ["EmbedBuildCommit"]
        ),
        .plugin(
            name: "EmbedBuildCommit",
            capability: .buildTool()
        ),
        // The run pipeline every front end shares (run, demo, the benchmark's worker): catalog loading,
        // client pool and transports, plugins and the prediction check wired, signals, exit status.
        .target(
            name: "AuthCheckRun",
            dependencies: [
                "AuthCheckCore", "AuthCheckHTTP", "AuthCheckProbeIDs", "AuthCheckProbes", "AuthCheckPlugins", "AuthCheckReport", "AuthCheckMatrices",
                "AuthCheckBuildInfo",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The command-line tool: parses arguments and wires the libraries, nothing else.
        .executableTarget(
            name: "cvat-authcheck",
            dependencies: [
                "AuthCheckCore", "AuthCheckProbeIDs", "AuthCheckProbes", "AuthCheckPlugins", "AuthCheckReport", "AuthCheckRun",
                "CVATEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        // The benchmark harness (docs/PERFORMANCE.md): emulated servers, worker processes, Python comparison.
        .executableTarget(
            name: "cvat-authcheck-bench",
            dependencies: [
                "AuthCheckCore", "AuthCheckReport", "AuthCheckRun", "CVATEmulator",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthCheckCoreTests",
            dependencies: [
                "AuthCheckCore", "AuthCheckMatrices", "AuthCheckProbeIDs", "LogTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        // Test-only: a swift-log sink that keeps the rendered lines (runner log tests, leak scans).
        .target(
            name: "LogTestSupport",
            dependencies: [.product(name: "Logging", package: "swift-log")],
            path: "Tests/LogTestSupport",
            swiftSettings: strictSettings
        ),
        // Test-only: the pinned Python validators (OpenMetrics parser, CI schemas, Kubernetes schemas) in a cached venv.
        .target(
            name: "ValidatorTestSupport",
            path: "Tests/ValidatorTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthCheckReportTests",
            dependencies: ["AuthCheckCore", "AuthCheckProbeIDs", "AuthCheckReport", "AuthCheckRun", "ValidatorTestSupport"],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthCheckRunTests",
            dependencies: ["AuthCheckCore", "AuthCheckReport", "AuthCheckRun"],
            swiftSettings: strictSettings
        ),
        // Test-only helpers shared by the test targets that start emulators (a private CA made with openssl, a raw
        // HTTP client, the scanner that looks for secrets in output).
        .target(
            name: "EmulatorTestSupport",
            dependencies: [
                "CVATEmulator",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            path: "Tests/EmulatorTestSupport",
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "CVATEmulatorTests",
            dependencies: emulatorTestDependencies,
            swiftSettings: strictSettings
        ),
        // The emulator replayed against recorded real CVAT exchanges (../shared/real-cvat).
        .testTarget(
            name: "ConformanceTests",
            dependencies: emulatorTestDependencies,
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "AuthCheckProbesTests",
            dependencies: [
                "AuthCheckCore", "AuthCheckHTTP", "AuthCheckMatrices", "AuthCheckProbeIDs", "AuthCheckProbes", "CVATEmulator", "EmulatorTestSupport",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ReliabilityTests",
            dependencies: [
                "AuthCheckCore", "AuthCheckHTTP", "AuthCheckMatrices", "AuthCheckProbeIDs", "AuthCheckProbes", "AuthCheckReport", "AuthCheckRun",
                "CVATEmulator", "EmulatorTestSupport", "LogTestSupport",
                .product(name: "Logging", package: "swift-log"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "PluginTests",
            dependencies: [
                "AuthCheckCore", "AuthCheckHTTP", "AuthCheckMatrices", "AuthCheckPlugins", "AuthCheckProbeIDs", "AuthCheckProbes", "AuthCheckReport",
                "AuthCheckRun", "CVATEmulator",
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "ProfileDraftTests",
            dependencies: [
                "AuthCheckCore", "AuthCheckRun", "AuthCheckMatrices", "AuthCheckProbeIDs", "CVATEmulator", "EmulatorTestSupport",
                .product(name: "Yams", package: "Yams"),
            ],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "EndToEndTests",
            dependencies: [
                "cvat-authcheck", "cvat-authcheck-bench", "AuthCheckCore", "AuthCheckReport", "CVATEmulator", "EmulatorTestSupport",
                "ValidatorTestSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            swiftSettings: strictSettings
        ),
        // profiles draft --client: the facts read from client releases (real wheels from PyPI, synthetic fakes).
        .testTarget(
            name: "ClientDraftTests",
            dependencies: ["AuthCheckCore", "AuthCheckPlugins", "AuthCheckRun"],
            swiftSettings: strictSettings
        ),
        .testTarget(
            name: "BenchTests",
            dependencies: ["cvat-authcheck-bench", "AuthCheckCore"],
            swiftSettings: strictSettings
        ),
    ]
)

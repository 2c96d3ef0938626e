import AuthCheckCore
import Foundation

/// The plugins a run uses: their native probes (added to the registry) and the backends they offer.
public struct PluginSet: Sendable {
    public var plugins: [PluginManifest]
    public var limits: PluginLimits
    /// The environment plugin processes inherit (before the runner's own variables).
    public var environment: [String: String]

    public init(plugins: [PluginManifest], limits: PluginLimits = PluginLimits(), environment: [String: String] = ProcessInfo.processInfo.environment)
    {
        self.plugins = plugins
        self.limits = limits
        self.environment = environment
    }

    /// The probes that run in the native suite, in plugin order.
    public var nativeProbes: [any Probe] {
        plugins.flatMap { manifest in
            manifest.nativeProbes.map {
                PluginProbe(manifest: manifest, descriptor: $0.descriptor, backend: .native, limits: limits, baseEnvironment: environment)
            }
        }
    }

    /// Every backend offer, for messages and `plugins list`.
    public var offers: [(plugin: PluginManifest, offer: PluginManifest.BackendOffer)] {
        plugins.flatMap { manifest in manifest.backends.map { (manifest, $0) } }
    }

    /// The backend for a spec: ``Backend/native`` for `native`, else the first plugin offer whose
    /// name matches and whose version range contains the spec's version.
    ///
    /// - Throws: ``BackendSpecError`` naming what is available.
    public func backend(for spec: BackendSpec) throws(BackendSpecError) -> Backend {
        if spec.isNative { return .native }
        guard spec.version != nil else {
            throw BackendSpecError(text: spec.description, problem: "a version is required, e.g. \(spec.name)@2.48.0")
        }
        for manifest in plugins {
            guard let offer = manifest.offer(for: spec) else { continue }
            let probes: [any Probe] = manifest.probes.filter { offer.probes.contains($0.descriptor.id) }.map {
                PluginProbe(manifest: manifest, descriptor: $0.descriptor, backend: spec, limits: limits, baseEnvironment: environment)
            }
            return Backend(spec: spec, probes: probes)
        }
        let available = offers.map { "\($0.offer.name)@VERSION (\($0.offer.versions.map { "\($0)" } ?? "any version"), plugin \($0.plugin.name))" }
        let problem =
            offers.contains(where: { $0.offer.name == spec.name })
            ? "no plugin offers \(spec.name) at version \(spec.version!); offered: \(available.joined(separator: "; "))"
            : "no plugin offers the backend '\(spec.name)'; "
                + (available.isEmpty
                    ? "no plugin backends were found (see `cvat-authcheck plugins list`)"
                    : "offered: native, \(available.joined(separator: "; "))")
        throw BackendSpecError(text: spec.description, problem: problem)
    }

    /// Backends for several specs, in order, without duplicates.
    public func backends(for specs: [BackendSpec]) throws(BackendSpecError) -> [Backend] {
        var seen: Set<BackendSpec> = []
        var result: [Backend] = []
        for spec in specs where seen.insert(spec).inserted {
            result.append(try backend(for: spec))
        }
        return result.isEmpty ? [.native] : result
    }
}

import AuthCheckCore
import AuthCheckProbeIDs
import AuthCheckProbes
import Testing

/// The probe ids come from one place: the list the build-time profile checker reads
/// (`ProbeID.builtIn`) is exactly the registry's, detector outcomes included.
@Suite("Probe ids")
struct ProbeIDTests {
    @Test("the build-time list and the probe registry agree")
    func oneList() {
        #expect(ProbeID.builtIn == BuiltInProbes.registry.knownIDs)
        #expect(ProbeID.reserved == ProbeID.builtIn.union([PredictionCheck.probeID]))
        #expect(Set(BuiltInProbes.all.map(\.descriptor.id)).count == BuiltInProbes.all.count, "no id twice")
    }
}

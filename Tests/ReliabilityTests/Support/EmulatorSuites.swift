import Testing

/// Parent of the suites that start emulated CVAT servers (and nginx): they run one after another, so
/// the emulators' graceful stop is never starved by a parallel 200-target run (ServiceLifecycle ends
/// the process when a stop takes longer than the emulator's 0.5 s cancellation budget).
@Suite(.serialized) enum EmulatorSuites {}

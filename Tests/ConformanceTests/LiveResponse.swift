import EmulatorTestSupport

/// The emulator's answer to one replayed request, every header line kept.
typealias LiveResponse = HTTPReply

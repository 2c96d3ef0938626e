import ArgumentParser
import AuthCheckRun

/// `--fail-on any|new|none`, parsed and listed by the argument parser.
extension FailPolicy: ExpressibleByArgument {}

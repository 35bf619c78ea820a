public import ArgumentParser
public import GraphContracts

/// A `--graph-version` value: `beta` or `v1.0`, shown in help as itself.
extension GraphVersion: ExpressibleByArgument {}

package io.liquidstream.cli;

import picocli.CommandLine.IVersionProvider;

/** Reads the version from the jar manifest, falling back to "development". */
final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = LiquidStreamCli.class.getPackage().getImplementationVersion();
        return new String[] {"liquidstream " + (v == null ? "development" : v),
            "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + ")"};
    }
}

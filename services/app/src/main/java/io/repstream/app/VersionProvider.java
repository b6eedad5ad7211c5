package io.repstream.app;

import picocli.CommandLine.IVersionProvider;

/** The version Maven wrote into the jar's manifest. */
final class VersionProvider implements IVersionProvider {
  @Override
  public String[] getVersion() {
    String v = Repstream.class.getPackage().getImplementationVersion();
    return new String[] {"repstream " + (v == null ? "(development build)" : v)};
  }
}

package io.repstream.faults;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.repstream.classifier.ClassifierConfig;
import io.repstream.classifier.ClassifierService;
import io.repstream.common.config.Settings;
import java.util.HashMap;
import java.util.Map;

/** A classifier in a JVM of its own, so a test can kill it outright. Arguments: {@code key=value} settings. */
public final class ClassifierProcessMain {
  static final String READY = "CLASSIFIER READY";

  private ClassifierProcessMain() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> settings = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      settings.put(a.substring(0, eq), a.substring(eq + 1));
    }
    ClassifierService service = new ClassifierService(ClassifierConfig.from(Settings.of(settings)),
        new SimpleMeterRegistry()).start();
    System.out.println(READY);
    System.out.flush();
    while (service.alive()) {
      Thread.sleep(1000);
    }
  }
}

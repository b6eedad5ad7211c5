package io.repstream.deploy;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fields a typed Kubernetes model did not recognise. The fabric8 and Strimzi models keep unknown fields in an
 * {@code additionalProperties} map instead of failing (the API server would silently prune them), so a
 * misspelt {@code readinesProbe} parses without complaint; this walks the parsed object graph and names every
 * such field with its path.
 */
final class UnknownFields {
  private static final String[] MODEL_PACKAGES = {"io.fabric8.kubernetes.api.model", "io.strimzi.api"};

  private final List<String> found = new ArrayList<>();
  private final Set<Object> seen = Collections.newSetFromMap(new IdentityHashMap<>());

  static List<String> in(Object model) {
    UnknownFields walk = new UnknownFields();
    walk.visit(model, "");
    return walk.found;
  }

  private void visit(Object value, String path) {
    if (value == null || !seen.add(value)) {
      return;
    }
    if (value instanceof Collection<?> c) {
      int i = 0;
      for (Object item : c) {
        visit(item, path + "[" + i++ + "]");
      }
      return;
    }
    if (value instanceof Map<?, ?> m) {
      m.forEach((k, v) -> visit(v, path + "." + k));
      return;
    }
    if (!isModel(value.getClass())) {
      return;
    }
    for (Method getter : value.getClass().getMethods()) {
      if (!isGetter(getter)) {
        continue;
      }
      Object child;
      try {
        child = getter.invoke(value);
      } catch (IllegalAccessException | InvocationTargetException e) {
        continue;
      }
      if (getter.getName().equals("getAdditionalProperties")) {
        if (child instanceof Map<?, ?> extra && !extra.isEmpty()) {
          extra.keySet().forEach(k -> found.add((path.isEmpty() ? "" : path.substring(1) + ".") + k));
        }
      } else {
        visit(child, path + "." + property(getter));
      }
    }
  }

  private static boolean isModel(Class<?> type) {
    for (String p : MODEL_PACKAGES) {
      if (type.getName().startsWith(p)) {
        return true;
      }
    }
    return false;
  }

  private static boolean isGetter(Method m) {
    return m.getParameterCount() == 0 && !Modifier.isStatic(m.getModifiers()) && m.getName().startsWith("get")
        && !m.getName().equals("getClass") && m.getReturnType() != void.class;
  }

  private static String property(Method getter) {
    String n = getter.getName().substring("get".length());
    return n.isEmpty() ? n : Character.toLowerCase(n.charAt(0)) + n.substring(1);
  }

  private UnknownFields() {}
}

package io.repstream.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;

/**
 * Who may see which class: each class has its own token, so a trainer sees only their own class. A request
 * without a valid token is unauthenticated (401); a valid token for another class is forbidden (403).
 */
final class ClassAccess {
  enum Decision { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

  private final Map<String, String> tokensByClass;

  ClassAccess(Map<String, String> tokensByClass) {
    this.tokensByClass = Map.copyOf(tokensByClass);
  }

  Decision decide(String classId, String presentedToken) {
    Optional<String> granted = classOf(presentedToken);
    if (granted.isEmpty()) {
      return Decision.UNAUTHENTICATED;
    }
    return granted.get().equals(classId) ? Decision.ALLOWED : Decision.FORBIDDEN;
  }

  /** The class a token opens, comparing in constant time so response timing reveals nothing about tokens. */
  Optional<String> classOf(String presentedToken) {
    if (presentedToken == null || presentedToken.isEmpty()) {
      return Optional.empty();
    }
    byte[] presented = presentedToken.getBytes(StandardCharsets.UTF_8);
    String match = null;
    for (Map.Entry<String, String> e : tokensByClass.entrySet()) {
      if (MessageDigest.isEqual(presented, e.getValue().getBytes(StandardCharsets.UTF_8))) {
        match = e.getKey();
      }
    }
    return Optional.ofNullable(match);
  }
}

package io.repstream.dashboard;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Who may see which class: each class has its own token, so a trainer sees only their own class; where
 * OIDC is configured, a provider's signed token opens the classes it names. A request without a valid token
 * is unauthenticated (401); a valid token for another class is forbidden (403).
 */
final class ClassAccess {
  enum Decision { ALLOWED, UNAUTHENTICATED, FORBIDDEN }

  private final Map<String, String> tokensByClass;
  private final Optional<OidcTokens> oidc;

  ClassAccess(Map<String, String> tokensByClass) {
    this(tokensByClass, Optional.empty());
  }

  ClassAccess(Map<String, String> tokensByClass, Optional<OidcTokens> oidc) {
    this.tokensByClass = Map.copyOf(tokensByClass);
    this.oidc = oidc;
  }

  Decision decide(String classId, String presentedToken) {
    Set<String> granted = classesOf(presentedToken);
    if (granted.isEmpty()) {
      return Decision.UNAUTHENTICATED;
    }
    return granted.contains(classId) ? Decision.ALLOWED : Decision.FORBIDDEN;
  }

  /** The classes a token opens, empty if none. */
  Set<String> classesOf(String presentedToken) {
    if (presentedToken == null || presentedToken.isEmpty()) {
      return Set.of();
    }
    Optional<String> byClassToken = classOfClassToken(presentedToken);
    if (byClassToken.isPresent()) {
      return Set.of(byClassToken.get());
    }
    return oidc.filter(o -> OidcTokens.looksLikeJwt(presentedToken)).map(o -> o.classesOf(presentedToken)).orElse(Set.of());
  }

  /** Compares in constant time so response timing reveals nothing about tokens. */
  private Optional<String> classOfClassToken(String presentedToken) {
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

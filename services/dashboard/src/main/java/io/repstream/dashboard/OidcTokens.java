package io.repstream.dashboard;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.io.IOException;
import java.nio.file.Path;
import java.text.ParseException;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trainers signed in through an OpenID Connect provider: a bearer JWT is accepted when it is signed by a key
 * of the provider's JWKS (read from a file, since nothing is fetched at run time), comes from the configured
 * issuer for this audience, has not expired, and names in {@code classesClaim} the classes its holder teaches.
 */
final class OidcTokens {
  private static final Logger LOG = LoggerFactory.getLogger(OidcTokens.class);
  /** Asymmetric algorithms only: a shared-secret (HS*) token could be minted by anyone holding the key file. */
  private static final Set<JWSAlgorithm> ALGORITHMS = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512,
      JWSAlgorithm.PS256, JWSAlgorithm.ES256, JWSAlgorithm.ES384);

  private final DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
  private final String classesClaim;

  OidcTokens(Path jwksFile, String issuer, String audience, String classesClaim) {
    JWKSet keys;
    try {
      keys = JWKSet.load(jwksFile.toFile());
    } catch (IOException | ParseException e) {
      throw new IllegalArgumentException("cannot read the OIDC key set " + jwksFile + ": " + e.getMessage(), e);
    }
    if (keys.getKeys().isEmpty()) {
      throw new IllegalArgumentException("the OIDC key set " + jwksFile + " holds no keys");
    }
    this.classesClaim = classesClaim;
    processor.setJWSKeySelector(new JWSVerificationKeySelector<>(ALGORITHMS, new ImmutableJWKSet<>(keys)));
    processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>(audience,
        new JWTClaimsSet.Builder().issuer(issuer).build(), Set.of("sub", "exp", classesClaim)));
  }

  /** Whether {@code token} has a JWT's shape at all, so class tokens are never sent through JWT parsing. */
  static boolean looksLikeJwt(String token) {
    return token.chars().filter(c -> c == '.').count() == 2;
  }

  /** The classes a valid token opens; empty when the token is not valid (why is logged, without its claims). */
  Set<String> classesOf(String token) {
    try {
      JWTClaimsSet claims = processor.process(token, null);
      List<String> classes = claims.getStringListClaim(classesClaim);
      return classes == null ? Set.of() : Set.copyOf(classes);
    } catch (Exception e) {
      LOG.info("Refused an OIDC token: {}", e.getMessage());
      return Set.of();
    }
  }
}

package io.repstream.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.PlainJWT;
import com.nimbusds.jwt.SignedJWT;
import io.repstream.common.config.InvalidConfigException;
import io.repstream.common.config.Settings;
import io.repstream.dashboard.ClassAccess.Decision;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trainers signed in through an OIDC provider: which tokens open which classes, and which open nothing. */
class OidcTokensTest {
  private static final String ISSUER = "https://login.example/realms/gym";
  private static final String AUDIENCE = "repstream-dashboard";
  private static final String CLASS_TOKEN = "token-of-yoga-a-0123456789";

  @TempDir static Path dir;
  private static RSAKey providerKey;
  private static RSAKey strangerKey;
  private static ClassAccess access;

  @BeforeAll
  static void provider() throws Exception {
    providerKey = new RSAKeyGenerator(2048).keyID("gym-1").generate();
    strangerKey = new RSAKeyGenerator(2048).keyID("gym-1").generate();
    Path jwks = dir.resolve("jwks.json");
    Files.writeString(jwks, new JWKSet(providerKey.toPublicJWK()).toString());
    access = new ClassAccess(Map.of("yoga-a", CLASS_TOKEN),
        Optional.of(new OidcTokens(jwks, ISSUER, AUDIENCE, "repstream_classes")));
  }

  private static JWTClaimsSet.Builder claims(List<String> classes) {
    return new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("trainer-7")
        .expirationTime(Date.from(Instant.now().plusSeconds(600))).claim("repstream_classes", classes);
  }

  private static String signed(JWTClaimsSet claims, RSAKey key) throws Exception {
    SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(), claims);
    jwt.sign(new RSASSASigner(key));
    return jwt.serialize();
  }

  @Test
  void aValidTokenOpensTheClassesItNamesAndNoOther() throws Exception {
    String token = signed(claims(List.of("yoga-a", "hiit-c")).build(), providerKey);
    assertThat(access.decide("yoga-a", token)).isEqualTo(Decision.ALLOWED);
    assertThat(access.decide("hiit-c", token)).isEqualTo(Decision.ALLOWED);
    assertThat(access.decide("spin-b", token)).isEqualTo(Decision.FORBIDDEN);
    assertThat(access.classesOf(token)).containsExactlyInAnyOrder("yoga-a", "hiit-c");
    // Class tokens keep working beside OIDC.
    assertThat(access.decide("yoga-a", CLASS_TOKEN)).isEqualTo(Decision.ALLOWED);
    assertThat(access.decide("spin-b", CLASS_TOKEN)).isEqualTo(Decision.FORBIDDEN);
  }

  @Test
  void expiredForeignForgedOrUnsignedTokensOpenNothing() throws Exception {
    List<String> yoga = List.of("yoga-a");
    String expired = signed(claims(yoga).expirationTime(Date.from(Instant.now().minusSeconds(3600))).build(), providerKey);
    String otherAudience = signed(claims(yoga).audience("another-app").build(), providerKey);
    String otherIssuer = signed(claims(yoga).issuer("https://evil.example").build(), providerKey);
    String forged = signed(claims(yoga).build(), strangerKey);
    String noClasses = signed(new JWTClaimsSet.Builder().issuer(ISSUER).audience(AUDIENCE).subject("t")
        .expirationTime(Date.from(Instant.now().plusSeconds(600))).build(), providerKey);
    String unsigned = new PlainJWT(claims(yoga).build()).serialize();
    SignedJWT hmac = new SignedJWT(new JWSHeader(JWSAlgorithm.HS256), claims(yoga).build());
    hmac.sign(new MACSigner(new byte[32]));
    String valid = signed(claims(List.of("spin-b")).build(), providerKey);
    String[] parts = valid.split("\\.");
    String tampered = parts[0] + "." + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(
        claims(yoga).build().toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)) + "." + parts[2];
    for (String token : List.of(expired, otherAudience, otherIssuer, forged, noClasses, unsigned, hmac.serialize(), tampered,
        "a.b.c", "not-a-token")) {
      assertThat(access.decide("yoga-a", token)).as(token).isEqualTo(Decision.UNAUTHENTICATED);
    }
  }

  @Test
  void oidcNeedsIssuerAndAudienceAndMakesClassTokensOptional() throws Exception {
    Path jwks = dir.resolve("jwks.json");
    Map<String, String> base = Map.of("kafka.bootstrap.servers", "localhost:9092", "dashboard.oidc.jwks.file", jwks.toString());
    assertThatThrownBy(() -> DashboardConfig.from(Settings.of(base))).isInstanceOf(InvalidConfigException.class)
        .hasMessageContaining("dashboard.oidc.issuer and dashboard.oidc.audience are required");
    Map<String, String> full = new java.util.HashMap<>(base);
    full.put("dashboard.oidc.issuer", ISSUER);
    full.put("dashboard.oidc.audience", AUDIENCE);
    DashboardConfig c = DashboardConfig.from(Settings.of(full));
    assertThat(c.tokensByClass()).isEmpty();
    assertThat(c.oidc()).hasValueSatisfying(o -> assertThat(o.classesClaim()).isEqualTo("repstream_classes"));
    full.put("dashboard.oidc.jwks.file", dir.resolve("missing.json").toString());
    assertThatThrownBy(() -> DashboardConfig.from(Settings.of(full))).hasMessageContaining("JSON Web Key Set");
    assertThatThrownBy(() -> DashboardConfig.from(Settings.of(Map.of("kafka.bootstrap.servers", "localhost:9092"))))
        .hasMessageContaining("dashboard.oidc.jwks.file");
  }
}

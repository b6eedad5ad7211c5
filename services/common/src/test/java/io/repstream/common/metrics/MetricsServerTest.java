package io.repstream.common.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class MetricsServerTest {
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void servesPrometheusMetricsAndHealth() throws Exception {
    AtomicBoolean kafkaUp = new AtomicBoolean(true);
    try (MetricsServer server = MetricsServer.start("127.0.0.1", 0, "test-service")) {
      server.registry().counter("repstream_frames_published", "stream", "s1").increment(3);
      HttpResponse<String> starting = get(server, "/health");
      assertThat(starting.statusCode()).isEqualTo(503);
      assertThat(starting.body()).contains("\"status\":\"STARTING\"");
      server.healthCheck("kafka", kafkaUp::get);

      HttpResponse<String> metrics = get(server, "/metrics");
      assertThat(metrics.statusCode()).isEqualTo(200);
      assertThat(metrics.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
      assertThat(metrics.body())
          .contains("repstream_frames_published_total{service=\"test-service\",stream=\"s1\"} 3.0")
          .contains("jvm_memory_used_bytes");

      HttpResponse<String> up = get(server, "/health");
      assertThat(up.statusCode()).isEqualTo(200);
      assertThat(up.body()).contains("\"status\":\"UP\"").contains("\"kafka\":\"UP\"");

      kafkaUp.set(false);
      HttpResponse<String> down = get(server, "/health");
      assertThat(down.statusCode()).isEqualTo(503);
      assertThat(down.body()).contains("\"kafka\":\"DOWN\"");
    }
  }

  private HttpResponse<String> get(MetricsServer server, String path) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }
}

package io.repstream.counter.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

class StatusQueryServerTest {
  private static HttpResponse<String> call(int port, String method, String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
        .method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void answersWrongPathsWrongMethodsAndAnUnreadyStoreWithClearErrors() throws Exception {
    try (StatusQueryServer server = StatusQueryServer.open("localhost", 0)) {
      server.serve(null);
      int port = server.port();
      HttpResponse<String> wrongPath = call(port, "GET", "/participants");
      assertThat(wrongPath.statusCode()).isEqualTo(404);
      assertThat(wrongPath.body()).contains("/classes/{classId}/participants");
      assertThat(call(port, "GET", "/classes//participants").statusCode()).isEqualTo(404);
      assertThat(call(port, "POST", "/classes/c1/participants").statusCode()).isEqualTo(405);
      HttpResponse<String> unready = call(port, "GET", "/classes/c1/participants");
      assertThat(unready.statusCode()).isEqualTo(503);
      assertThat(unready.body()).contains("retry");
      assertThat(unready.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).contains("json"));
    }
  }
}

package io.platformsandbox.app.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.platformsandbox.app.core.Json;
import java.io.IOException;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;

/** Small helpers shared by the typed clients. */
final class Http {
  static final MediaType JSON = MediaType.get("application/json");

  private Http() {}

  static RequestBody json(Object body) {
    return RequestBody.create(Json.write(body), JSON);
  }

  /** Executes and returns the JSON body; any non-2xx becomes an {@link ApiException}. */
  static JsonNode call(OkHttpClient client, Request request) throws IOException {
    return execute(client.newCall(request));
  }

  /** Like {@link #call} for a call made beforehand (one that may be cancelled from elsewhere). */
  static JsonNode execute(okhttp3.Call call) throws IOException {
    try (Response response = call.execute()) {
      String body = response.body().string();
      if (!response.isSuccessful()) {
        throw ApiException.from(response.code(), body);
      }
      return body.isBlank() ? Json.object() : Json.parse(body);
    }
  }
}

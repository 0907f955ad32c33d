package io.desknotify.benchmarks;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a user writes without desknotify to send a message to Horizon sessions: log in once, then a loop over
 * {@link HttpClient#send}, one batch of session ids at a time, logging in again when the token is refused. The
 * baseline of {@link HandWrittenBenchmark}: same batch size, same JSON body, same bearer authentication; a
 * non-200 answer (other than one 401) stops the loop. It does not look at the per-session results. Threads may
 * share one instance once it has logged in ({@link PeerBenchmark} does).
 */
final class HandWrittenHorizon {
    private static final Pattern ACCESS_TOKEN = Pattern.compile("\"access_token\"\\s*:\\s*\"([^\"]+)\"");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final URI login;
    private final URI sendMessage;
    private final String credentials;
    private volatile String accessToken;

    HandWrittenHorizon(URI baseUri, String domain, String username, String password) {
        this.login = baseUri.resolve("/rest/login");
        this.sendMessage = baseUri.resolve("/rest/inventory/v1/sessions/action/send-message");
        this.credentials = "{\"domain\":" + Json.string(domain) + ",\"username\":" + Json.string(username)
                + ",\"password\":" + Json.string(password) + "}";
    }

    /** Sends {@code text} to every session, {@code batchSize} ids a call; returns the sessions sent to. */
    int send(List<String> sessionIds, String text, String messageType, int batchSize)
            throws IOException, InterruptedException {
        if (accessToken == null) {
            logIn();
        }
        int sent = 0;
        for (int from = 0; from < sessionIds.size(); from += batchSize) {
            List<String> batch = sessionIds.subList(from, Math.min(sessionIds.size(), from + batchSize));
            String body = "{\"message\":" + Json.string(text) + ",\"message_type\":" + Json.string(messageType)
                    + ",\"session_ids\":" + Json.array(batch) + "}";
            HttpResponse<String> response = post(body);
            if (response.statusCode() == 401) {
                logIn();
                response = post(body);
            }
            if (response.statusCode() != 200) {
                throw new IOException("Horizon answered " + response.statusCode() + ": " + response.body());
            }
            sent += batch.size();
        }
        return sent;
    }

    private HttpResponse<String> post(String body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(sendMessage)
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + accessToken)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private void logIn() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(login)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(credentials))
                .build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        Matcher m = ACCESS_TOKEN.matcher(response.body());
        if (response.statusCode() != 200 || !m.find()) {
            throw new IOException("Horizon login answered " + response.statusCode());
        }
        accessToken = m.group(1);
    }
}

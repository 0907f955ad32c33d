package io.desknotify.testkit.internal;

import jakarta.json.JsonStructure;
import java.util.LinkedHashMap;
import java.util.Map;

/** An answer a handler wants to send; the server may still reshape it for a fault. */
public final class Response {

    private final int status;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private final byte[] body;

    private Response(int status, byte[] body) {
        this.status = status;
        this.body = body;
    }

    /**
     * @param status HTTP status
     * @param json body
     * @return a JSON response
     */
    public static Response json(int status, JsonStructure json) {
        Response r = new Response(status, Jsons.bytes(json));
        r.headers.put("Content-Type", "application/json;charset=UTF-8");
        return r;
    }

    /**
     * @param status HTTP status
     * @return a response without body
     */
    public static Response empty(int status) {
        return new Response(status, new byte[0]);
    }

    /**
     * @param status HTTP status
     * @param contentType content type
     * @param body body bytes
     * @return the response
     */
    public static Response raw(int status, String contentType, byte[] body) {
        Response r = new Response(status, body);
        r.headers.put("Content-Type", contentType);
        return r;
    }

    /**
     * @param name header name
     * @param value header value
     * @return this response
     */
    public Response header(String name, String value) {
        headers.put(name, value);
        return this;
    }

    /** @return status */
    public int status() {
        return status;
    }

    /** @return headers, mutable */
    public Map<String, String> headers() {
        return headers;
    }

    /** @return body bytes (not copied) */
    public byte[] body() {
        return body;
    }
}

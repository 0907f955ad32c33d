package io.desknotify.testkit.compat;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What truly differs between providers for the checks of the {@link TransportCompatibilityKit}, declared once by the
 * provider's test (see {@link TransportCompatibilityKit#expectations()}). Everything not declared here is the same for
 * every provider: one truthful record per target, nobody shown twice, what each fault leaves behind, bad input
 * refused before anything is sent, no secret anywhere, threads released.
 *
 * <pre>{@code
 * ProviderExpectations.builder()
 *         .transportThreads("desknotify-horizon-http-")
 *         .emulatorThreads("horizon-emulator")
 *         .errorCodes("HTTP_200", "UNEXPECTED_RESPONSE")
 *         .unexpectedSendAnswer("{\"status\":\"ok\"}", "expected an array")
 *         .hostileSetupAnswer("/rest/login", "{\"access_token\":\"{token}\",\"refresh_token\":\"{token}\"}")
 *         .factory("horizon", Map.of("base-uri", "https://horizon.example.com", ...), "base-uri")
 *         .build();
 * }</pre>
 */
public final class ProviderExpectations {
    /** What the transport does when the provider answers 401 to a request made with a valid-looking token. */
    public enum Unauthorized {
        /** It renews its token and repeats the request: nothing is lost, nothing shown twice. */
        RENEWS_AND_REPEATS,
        /**
         * It cannot renew (the token is the caller's): a refused send is FAILED with the provider's code and shows
         * nothing; a refused follow-up (a job poll) after an accepted send leaves its targets UNKNOWN.
         */
        IS_FINAL
    }

    private final String transportThreadPrefix;
    private final String emulatorThreadPrefix;
    private final Unauthorized unauthorized;
    private final String unauthorizedErrorCodePrefix;
    private final String responseTooLargeCode;
    private final String unexpectedAnswerCode;
    private final String unexpectedSendAnswer;
    private final String unexpectedSendAnswerReason;
    private final Map<String, String> hostileSetupAnswers;
    private final String factoryType;
    private final Map<String, String> factorySettings;
    private final String factoryEndpointKey;

    private ProviderExpectations(Builder b) {
        this.transportThreadPrefix = required(b.transportThreadPrefix, "transportThreads");
        this.emulatorThreadPrefix = required(b.emulatorThreadPrefix, "emulatorThreads");
        this.unauthorized = b.unauthorized;
        this.unauthorizedErrorCodePrefix = b.unauthorizedErrorCodePrefix;
        this.responseTooLargeCode = required(b.responseTooLargeCode, "errorCodes");
        this.unexpectedAnswerCode = required(b.unexpectedAnswerCode, "errorCodes");
        this.unexpectedSendAnswer = b.unexpectedSendAnswer;
        this.unexpectedSendAnswerReason = b.unexpectedSendAnswerReason;
        this.hostileSetupAnswers = Map.copyOf(b.hostileSetupAnswers);
        this.factoryType = b.factoryType;
        this.factorySettings = b.factorySettings;
        this.factoryEndpointKey = b.factoryEndpointKey;
    }

    private static String required(String value, String setting) {
        if (value == null) {
            throw new IllegalStateException(setting + " must be declared");
        }
        return value;
    }

    /** @return a builder; {@code transportThreads}, {@code emulatorThreads} and {@code errorCodes} are required */
    public static Builder builder() {
        return new Builder();
    }

    String transportThreadPrefix() {
        return transportThreadPrefix;
    }

    String emulatorThreadPrefix() {
        return emulatorThreadPrefix;
    }

    Unauthorized unauthorized() {
        return unauthorized;
    }

    String unauthorizedErrorCodePrefix() {
        return unauthorizedErrorCodePrefix;
    }

    String responseTooLargeCode() {
        return responseTooLargeCode;
    }

    String unexpectedAnswerCode() {
        return unexpectedAnswerCode;
    }

    Optional<String> unexpectedSendAnswer() {
        return Optional.ofNullable(unexpectedSendAnswer);
    }

    String unexpectedSendAnswerReason() {
        return unexpectedSendAnswerReason;
    }

    Map<String, String> hostileSetupAnswers() {
        return hostileSetupAnswers;
    }

    Optional<String> factoryType() {
        return Optional.ofNullable(factoryType);
    }

    Map<String, String> factorySettings() {
        return factorySettings;
    }

    String factoryEndpointKey() {
        return factoryEndpointKey;
    }

    @Override
    public String toString() {
        return "ProviderExpectations[transportThreads=" + transportThreadPrefix + ", unauthorized=" + unauthorized
                + ", factory=" + factoryType + ']';
    }

    /** Collects the declarations; not thread-safe. */
    public static final class Builder {
        private String transportThreadPrefix;
        private String emulatorThreadPrefix;
        private Unauthorized unauthorized = Unauthorized.RENEWS_AND_REPEATS;
        private String unauthorizedErrorCodePrefix;
        private String responseTooLargeCode;
        private String unexpectedAnswerCode;
        private String unexpectedSendAnswer;
        private String unexpectedSendAnswerReason;
        private final Map<String, String> hostileSetupAnswers = new LinkedHashMap<>();
        private String factoryType;
        private Map<String, String> factorySettings;
        private String factoryEndpointKey;

        private Builder() {
        }

        /**
         * The transport names the threads it sends on with this prefix, so that the kit can tell them from others:
         * they must be daemon threads, reused from one request to the next, and end at {@code close()}.
         *
         * @param prefix e.g. {@code desknotify-horizon-http-}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder transportThreads(String prefix) {
            this.transportThreadPrefix = nonBlank(prefix, "transportThreads");
            return this;
        }

        /**
         * The emulator names its threads with this prefix; they must end when the emulator is closed.
         *
         * @param prefix e.g. {@code horizon-emulator}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder emulatorThreads(String prefix) {
            this.emulatorThreadPrefix = nonBlank(prefix, "emulatorThreads");
            return this;
        }

        /**
         * The default: on a 401 the transport renews its token and repeats the request.
         *
         * @return this builder
         */
        public Builder unauthorizedRenewsAndRepeats() {
            this.unauthorized = Unauthorized.RENEWS_AND_REPEATS;
            this.unauthorizedErrorCodePrefix = null;
            return this;
        }

        /**
         * A 401 is final: the transport cannot renew the token it was given (see {@link Unauthorized#IS_FINAL}).
         *
         * @param errorCodePrefix how the error codes of the FAILED records begin, e.g. {@code APIG.030}
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder unauthorizedIsFinal(String errorCodePrefix) {
            this.unauthorized = Unauthorized.IS_FINAL;
            this.unauthorizedErrorCodePrefix = nonBlank(errorCodePrefix, "unauthorizedIsFinal");
            return this;
        }

        /**
         * The error codes the transport's records carry for a 2xx answer it cannot use.
         *
         * @param responseTooLarge for an answer larger than {@link ClientSettings#maxResponseBytes()}
         * @param unexpectedAnswer for an answer that is not what the API documents (too deeply nested JSON, a
         *     missing field)
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder errorCodes(String responseTooLarge, String unexpectedAnswer) {
            this.responseTooLargeCode = nonBlank(responseTooLarge, "responseTooLarge");
            this.unexpectedAnswerCode = nonBlank(unexpectedAnswer, "unexpectedAnswer");
            return this;
        }

        /**
         * A 200 answer to a send that the provider's API never gives, and the words its records must contain.
         * Leave undeclared for a provider whose answer to a send carries nothing to check (an empty 200): the kit
         * then only proves that such an answer ends in one record per target.
         *
         * @param body the JSON body
         * @param reason words every record's error message must contain
         * @return this builder
         * @throws IllegalArgumentException if blank
         */
        public Builder unexpectedSendAnswer(String body, String reason) {
            this.unexpectedSendAnswer = nonBlank(body, "body");
            this.unexpectedSendAnswerReason = nonBlank(reason, "reason");
            return this;
        }

        /**
         * A call the transport makes before it sends (a login, a token request, a lookup of the site) that the
         * kit's hostile server must answer properly so that the send is reached. Every {@code {token}} in the body
         * becomes a fresh random token, which the kit then treats as a secret.
         *
         * @param path the request path, exactly
         * @param body the JSON body of the 200 answer; empty for an answer without body
         * @return this builder
         * @throws IllegalArgumentException if the path is blank or does not start with {@code /}
         */
        public Builder hostileSetupAnswer(String path, String body) {
            if (nonBlank(path, "path").charAt(0) != '/') {
                throw new IllegalArgumentException("path must start with /, was " + path);
            }
            hostileSetupAnswers.put(path, Objects.requireNonNull(body, "body"));
            return this;
        }

        /**
         * The provider's {@code TransportFactory}, found by {@code ServiceLoader}, so that the kit checks that it
         * refuses bad settings naming the key and showing no secret. Without it those checks are reported as
         * aborted.
         *
         * @param type the factory's type, e.g. {@code horizon}
         * @param validSettings settings the factory accepts (with the credentials of
         *     {@link TransportCompatibilityKit#credentials()}, and an https endpoint)
         * @param endpointKey the key of the endpoint setting, e.g. {@code base-uri}
         * @return this builder
         * @throws IllegalArgumentException if the type or key is blank, or the settings lack the key
         */
        public Builder factory(String type, Map<String, String> validSettings, String endpointKey) {
            this.factoryType = nonBlank(type, "type");
            this.factoryEndpointKey = nonBlank(endpointKey, "endpointKey");
            if (!validSettings.containsKey(endpointKey)) {
                throw new IllegalArgumentException("validSettings must hold " + endpointKey);
            }
            this.factorySettings = Map.copyOf(validSettings);
            return this;
        }

        /**
         * @return the declarations
         * @throws IllegalStateException if a required declaration is missing
         */
        public ProviderExpectations build() {
            return new ProviderExpectations(this);
        }

        private static String nonBlank(String value, String name) {
            if (value == null || value.isBlank()) {
                throw new IllegalArgumentException(name + " must not be blank");
            }
            return value;
        }
    }
}

package io.desknotify.spring;

import static org.assertj.core.api.Assertions.assertThat;

import io.desknotify.api.spi.TransportFactory;
import io.desknotify.api.spi.TransportSettings;
import io.desknotify.core.Notifier;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import java.beans.Introspector;
import java.beans.PropertyDescriptor;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The configuration metadata the starter ships, read from the built classes (or jar) the way an IDE reads it:
 * the processor's entries merged with the starter's additional entries for the keys of each provider.
 */
class ConfigurationMetadataTest {
    private static final String WILDCARD = "desknotify.providers.*.";
    private static JsonObject metadata;

    @BeforeAll
    static void readBuiltMetadata() throws Exception {
        // only the starter's own output, not the metadata of Boot's jars on the test class path
        URL location = DesknotifyProperties.class.getProtectionDomain().getCodeSource().getLocation();
        try (URLClassLoader built = new URLClassLoader(new URL[] {location}, null);
                InputStream in = built.getResourceAsStream("META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("META-INF/spring-configuration-metadata.json in %s", location).isNotNull();
            try (JsonReader reader = Json.createReader(in)) {
                metadata = reader.readObject();
            }
        }
    }

    @Test
    void everyProviderPropertyHasAnEntryWithTypeAndDescription() throws Exception {
        Set<String> expected = new TreeSet<>();
        for (PropertyDescriptor p : properties(DesknotifyProperties.Provider.class)) {
            if (p.getName().equals("rateLimit")) {
                properties(DesknotifyProperties.RateLimit.class)
                        .forEach(r -> expected.add("rate-limit." + TransportSettings.keyOf(r.getName())));
            } else {
                expected.add(TransportSettings.keyOf(p.getName()));
            }
        }
        Map<String, JsonObject> entries = providerEntries();

        assertThat(entries.keySet()).containsExactlyInAnyOrderElementsOf(expected);
        entries.forEach((key, entry) -> {
            assertThat(entry.getString("type", "")).as(key).isNotBlank();
            assertThat(entry.getString("description", "")).as(key).isNotBlank();
        });
        assertThat(entries.get("endpoint").getString("type")).isEqualTo("java.net.URI");
        assertThat(entries.get("request-timeout").getString("type")).isEqualTo("java.time.Duration");
        assertThat(entries.get("rate-limit.period").getString("defaultValue")).isEqualTo("1s");
    }

    @Test
    void typeIsHintedWithTheIdOfEveryTransportFactoryOnTheClassPath() {
        Set<String> factories = new TreeSet<>();
        ServiceLoader.load(TransportFactory.class).forEach(f -> factories.add(f.id()));
        JsonObject hint = hint(WILDCARD + "type");

        List<String> values = hint.getJsonArray("values").getValuesAs(JsonObject.class).stream()
                .map(v -> v.getString("value")).toList();
        assertThat(values).containsExactlyInAnyOrderElementsOf(factories)
                .contains("huawei-workspace", "horizon", "in-memory");
        hint.getJsonArray("values").getValuesAs(JsonObject.class)
                .forEach(v -> assertThat(v.getString("description", "")).isNotBlank());
        // a factory of the application's own is a valid type too
        assertThat(hint.getJsonArray("providers").getValuesAs(JsonObject.class))
                .anyMatch(p -> p.getString("name").equals("any"));
    }

    @Test
    void settingsKeysAreHintedWithTheFactorySettingsThatHaveNoPropertyOfTheirOwn() {
        List<String> keys = hint(WILDCARD + "settings.keys").getJsonArray("values").getValuesAs(JsonObject.class)
                .stream().map(v -> v.getString("value")).toList();
        assertThat(keys).contains("severity", "page-size", "max-response-bytes", "read-attempts",
                "login-failure-hold", "latency");
        assertThat(keys).doesNotContainAnyElementsOf(PropertiesNotifierFactory.providerProperties(null));
    }

    @Test
    void theProcessorsEntriesAreStillThere() {
        Set<String> names = metadata.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .map(p -> p.getString("name")).collect(Collectors.toSet());
        assertThat(names).contains("desknotify.providers", "desknotify.default-provider",
                "desknotify.retry.max-attempts", "desknotify.health.timeout");
        JsonObject providers = metadata.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").equals("desknotify.providers")).findFirst().orElseThrow();
        // IDEs that read the map's value type complete the nested keys from it
        assertThat(providers.getString("type")).isEqualTo(
                "java.util.Map<java.lang.String,io.desknotify.spring.DesknotifyProperties$Provider>");
    }

    @Test
    void everyProviderKeyTheMetadataNamesIsAcceptedAtStartUp() {
        // in-memory takes every provider property under its own name and ignores those it does not use
        List<String> values = new ArrayList<>(List.of("desknotify.providers.mem.type=in-memory"));
        providerEntries().forEach((key, entry) -> {
            String value = switch (entry.getString("type")) {
                case "java.net.URI" -> "http://127.0.0.1:9";
                case "java.time.Duration" -> "1s";
                case "java.lang.Integer" -> "5";
                default -> "x";
            };
            if (key.equals("settings")) {
                values.add("desknotify.providers.mem.settings.latency=0s");
            } else if (!key.equals("type")) {
                values.add("desknotify.providers.mem." + key + "=" + value);
            }
        });
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(NotifierAutoConfiguration.class))
                .withPropertyValues(values.toArray(String[]::new))
                .run(context -> assertThat(context).hasNotFailed().hasSingleBean(Notifier.class));
    }

    private static Map<String, JsonObject> providerEntries() {
        return metadata.getJsonArray("properties").getValuesAs(JsonObject.class).stream()
                .filter(p -> p.getString("name").startsWith(WILDCARD))
                .collect(Collectors.toMap(p -> p.getString("name").substring(WILDCARD.length()), p -> p));
    }

    private static JsonObject hint(String name) {
        assertThat(metadata.get("hints")).isNotNull();
        return metadata.getJsonArray("hints").getValuesAs(JsonObject.class).stream()
                .filter(h -> h.getString("name").equals(name)).findFirst()
                .orElseThrow(() -> new AssertionError("no hint " + name + " in " + metadata.get("hints")));
    }

    private static List<PropertyDescriptor> properties(Class<?> type) throws Exception {
        List<PropertyDescriptor> all = new ArrayList<>();
        for (PropertyDescriptor p : Introspector.getBeanInfo(type, Object.class).getPropertyDescriptors()) {
            all.add(p);
        }
        return all;
    }
}

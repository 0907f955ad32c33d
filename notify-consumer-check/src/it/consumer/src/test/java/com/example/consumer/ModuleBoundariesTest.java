package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.spi.ToolProvider;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The boundaries of the published artefacts, read from the jars and POMs this build installed, as a user's
 * project resolves them.
 */
class ModuleBoundariesTest {
    /** Path segments of the Maven coordinates the library must never bring onto a user's class path. */
    static final List<String> FORBIDDEN_COORDINATES = List.of(
            "/com/fasterxml/jackson/", "/tools/jackson/", "/com/squareup/okhttp3/", "/com/squareup/okio/",
            "/org/jetbrains/kotlin/", "/org/jetbrains/kotlinx/", "/com/huaweicloud/");
    /** The same libraries by their packages, so that a copy inside another jar (shaded) is found too. */
    static final List<String> FORBIDDEN_PACKAGES = List.of(
            "com/fasterxml/jackson/", "tools/jackson/", "okhttp3/", "okio/", "kotlin/", "kotlinx/",
            "com/huaweicloud/");

    @Test
    void notifyApiPomHasNoDependencyOutsideTestScope() {
        // its own POM and the parent POM it inherits dependencies from
        for (String artifactId : List.of("notify-api", "desknotify-parent")) {
            Document pom = Published.pom(artifactId);
            List<String> notTest = new ArrayList<>();
            for (Element dependency : Published.children(
                    Published.child(pom.getDocumentElement(), "dependencies"), "dependency")) {
                if (!"test".equals(Published.text(dependency, "scope"))) {
                    notTest.add(Published.text(dependency, "groupId") + ":" + Published.text(dependency, "artifactId"));
                }
            }
            assertThat(notTest).as("compile/runtime/provided dependencies of %s", artifactId).isEmpty();
        }
        assertThat(Published.text(Published.child(Published.pom("notify-api").getDocumentElement(), "parent"),
                "artifactId")).isEqualTo("desknotify-parent");
    }

    @Test
    void notifyApiClassesReferenceOnlyTheJdkAndThemselves() {
        ToolProvider jdeps = ToolProvider.findFirst("jdeps").orElseThrow();
        StringWriter out = new StringWriter();
        int status = jdeps.run(new PrintWriter(out), new PrintWriter(out),
                "-verbose:class", "-filter:none", Published.jar("notify-api").toString());
        assertThat(status).as(out.toString()).isZero();

        List<String> referenced = out.toString().lines()
                .filter(l -> l.startsWith(" ") && l.contains("->"))
                .map(l -> l.trim().split("\\s+")[2])
                .distinct().toList();
        assertThat(referenced).as("classes notify-api's classes reference").isNotEmpty()
                .contains("java.lang.Object")
                .allMatch(c -> c.startsWith("java.") || c.startsWith("io.desknotify.api."), "in java.* or notify-api");
    }

    @Test
    void notifyApiModuleExportsNoInternalPackageAndRequiresOnlyJavaBase() {
        ModuleDescriptor api = descriptor(Published.jar("notify-api"));
        assertThat(api.isAutomatic()).as("notify-api has a module-info.class").isFalse();
        assertThat(api.name()).isEqualTo("io.desknotify.api");
        assertThat(api.exports()).isNotEmpty()
                .allMatch(e -> !e.source().contains("internal") && !e.isQualified(), "unqualified, not internal");
        assertThat(api.requires()).extracting(ModuleDescriptor.Requires::name).containsOnly("java.base");
    }

    @Test
    void everyPublishedJarHasAModuleDescriptorOrAnAutomaticModuleName() throws IOException {
        Set<String> names = new HashSet<>();
        for (String artifactId : Published.ARTIFACTS) {
            Path jar = Published.jar(artifactId);
            String name;
            try (JarFile file = new JarFile(jar.toFile())) {
                if (file.getEntry("module-info.class") != null) {
                    name = descriptor(jar).name();
                } else {
                    name = file.getManifest().getMainAttributes().getValue("Automatic-Module-Name");
                }
            }
            assertThat(name).as("module name of %s", artifactId).isNotNull().startsWith("io.desknotify.");
            assertThat(names.add(name)).as("%s is the only module named %s", artifactId, name).isTrue();
        }
    }

    @Test
    void noInternalPackageIsInThePublishedJavadocAndEveryModuleShipsSourcesAndJavadoc() throws IOException {
        boolean someJarHasInternals = false;
        for (String artifactId : Published.ARTIFACTS) {
            assertThat(Published.file(artifactId, "sources", "jar")).as("sources of " + artifactId).isRegularFile();
            Path javadoc = Published.file(artifactId, "javadoc", "jar");
            assertThat(javadoc).as("javadoc of " + artifactId).isRegularFile();
            List<String> documented;
            try (JarFile file = new JarFile(javadoc.toFile())) {
                JarEntry list = file.getJarEntry("element-list");
                assertThat(list).as("element-list in the Javadoc of %s", artifactId).isNotNull();
                documented = new String(file.getInputStream(list).readAllBytes(), StandardCharsets.UTF_8)
                        .lines().filter(l -> !l.isBlank()).toList();
            }
            assertThat(documented).as("packages in the Javadoc of %s", artifactId).isNotEmpty()
                    .noneMatch(p -> p.contains(".internal"));
            someJarHasInternals |= packages(Published.jar(artifactId)).stream().anyMatch(p -> p.contains(".internal"));
        }
        // the check means something: internal packages exist and are kept out
        assertThat(someJarHasInternals).isTrue();
    }

    @Test
    void noJacksonOkHttpKotlinOrHuaweiSdkOnTheClassPathOfAStarterTransportAndTestkitUser() throws IOException {
        List<Path> classPath = Published.testClassPath();
        for (String artifactId : Published.ARTIFACTS) {
            // the check reads the installed jars, not some module's target/classes
            assertThat(classPath).as("class path").contains(Published.jar(artifactId).toAbsolutePath().normalize());
        }
        List<String> found = new ArrayList<>();
        for (Path entry : classPath) {
            String path = entry.toString().replace('\\', '/');
            FORBIDDEN_COORDINATES.stream().filter(path::contains).forEach(c -> found.add(path));
            if (Files.isRegularFile(entry) && path.endsWith(".jar")) {
                try (JarFile jar = new JarFile(entry.toFile())) {
                    jar.stream().map(JarEntry::getName)
                            .filter(n -> FORBIDDEN_PACKAGES.stream().anyMatch(n::startsWith))
                            .findFirst().ifPresent(n -> found.add(path + "!" + n));
                }
            }
        }
        assertThat(found).as("Jackson, OkHttp, Kotlin or the Huawei SDK on the class path").isEmpty();
    }

    private static ModuleDescriptor descriptor(Path jar) {
        return ModuleFinder.of(jar).findAll().stream().map(ModuleReference::descriptor).findFirst().orElseThrow();
    }

    private static Set<String> packages(Path jar) throws IOException {
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(JarEntry::getName).filter(n -> n.endsWith(".class") && n.contains("/"))
                    .map(n -> n.substring(0, n.lastIndexOf('/')).replace('/', '.')).collect(Collectors.toSet());
        }
    }
}

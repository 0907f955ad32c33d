package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

/**
 * Every dependency the READMEs' {@code xml} blocks tell a user to declare is declared, the same way, by this
 * project, which compiles and runs against it; so a snippet that stops working fails the build.
 */
class ReadmeDependencySnippetsTest {
    private static final Pattern XML_BLOCK = Pattern.compile("```xml\\n(.*?)\\n```", Pattern.DOTALL);

    /** groupId:artifactId:type:scope, as in section "managed" (dependencyManagement) or "dependencies". */
    record Declared(String section, String key, String version, String where) {
    }

    @Test
    void everyReadmeDependencyIsDeclaredByThisProjectAndTheBomIsImported() throws IOException {
        List<Declared> readme = new ArrayList<>();
        for (Path file : readmeFiles()) {
            Matcher m = XML_BLOCK.matcher(Files.readString(file));
            while (m.find()) {
                readme.addAll(dependencies(parse(m.group(1), file), file.toString()));
            }
        }
        Element consumer = Published.xml(Path.of(System.getProperty("consumer.pom"))).getDocumentElement();
        Set<String> declared = dependencies(consumer, "consumer pom").stream()
                .map(d -> d.section() + " " + d.key()).collect(Collectors.toSet());

        assertThat(readme).as("dependencies in the READMEs").isNotEmpty()
                .anyMatch(d -> d.section().equals("managed") && d.key().equals("io.desknotify:desknotify-bom:pom:import"));
        for (Declared d : readme) {
            assertThat(declared).as("%s of %s declared by the consumer project", d.key(), d.where())
                    .contains(d.section() + " " + d.key());
            if (d.version() != null) {
                assertThat(d.version()).as("version of %s in %s", d.key(), d.where())
                        .isIn(Published.VERSION, Published.VERSION.replace("-SNAPSHOT", ""));
            }
            if (d.section().equals("dependencies") && d.key().startsWith(Published.GROUP + ":")) {
                assertThat(Published.ARTIFACTS).as("%s is managed by desknotify-bom", d.key())
                        .contains(d.key().split(":")[1]);
            }
        }
    }

    private static List<Path> readmeFiles() throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(Published.REPOSITORY_ROOT.resolve("README.md"));
        // the versioning and dependency section written for the top-level README, until it is pasted there
        Path section = Published.REPOSITORY_ROOT.resolve("VERSIONING-SECTION.md");
        if (Files.exists(section)) {
            files.add(section);
        }
        try (Stream<Path> modules = Files.list(Published.REPOSITORY_ROOT)) {
            modules.map(m -> m.resolve("README.md")).filter(Files::isRegularFile).sorted().forEach(files::add);
        }
        return files;
    }

    private static Element parse(String block, Path file) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder()
                    .parse(new InputSource(new StringReader("<snippet>" + block + "</snippet>"))).getDocumentElement();
        } catch (Exception e) {
            throw new AssertionError("an xml block of " + file + " is not well-formed XML: " + block, e);
        }
    }

    private static List<Declared> dependencies(Element root, String where) {
        List<Declared> found = new ArrayList<>();
        NodeList all = root.getElementsByTagName("dependency");
        for (int i = 0; i < all.getLength(); i++) {
            Element d = (Element) all.item(i);
            String type = orDefault(Published.text(d, "type"), "jar");
            String scope = orDefault(Published.text(d, "scope"), "compile");
            String key = Published.text(d, "groupId") + ":" + Published.text(d, "artifactId") + ":" + type + ":" + scope;
            found.add(new Declared(inManagement(d) ? "managed" : "dependencies", key, Published.text(d, "version"), where));
        }
        return found;
    }

    private static boolean inManagement(Node n) {
        for (Node p = n.getParentNode(); p != null; p = p.getParentNode()) {
            if (p instanceof Element e && e.getTagName().equals("dependencyManagement")) {
                return true;
            }
        }
        return false;
    }

    private static String orDefault(String value, String otherwise) {
        return value == null ? otherwise : value;
    }
}

package com.example.consumer;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/** Where the artefacts this build installed are, and small helpers to read their POMs. */
final class Published {
    /** Every artefact desknotify publishes (the BOM aside). */
    static final List<String> ARTIFACTS = List.of(
            "notify-api", "notify-core", "notify-transport-http", "notify-testkit", "notify-spring-boot-starter");
    static final String GROUP = "io.desknotify";
    static final String VERSION = property("desknotify.version");
    static final Path LOCAL_REPOSITORY = Path.of(property("desknotify.localRepository"));
    static final Path REPOSITORY_ROOT = Path.of(property("desknotify.repositoryRoot")).normalize();

    private Published() {
    }

    static Path file(String artifactId, String classifier, String extension) {
        String name = artifactId + "-" + VERSION + (classifier == null ? "" : "-" + classifier) + "." + extension;
        return LOCAL_REPOSITORY.resolve(GROUP.replace('.', '/')).resolve(artifactId).resolve(VERSION).resolve(name);
    }

    static Path jar(String artifactId) {
        return file(artifactId, null, "jar");
    }

    static Document pom(String artifactId) {
        return xml(file(artifactId, null, "pom"));
    }

    static Document xml(Path path) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(path.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + path, e);
        }
    }

    /** The child elements of {@code parent} named {@code name}. */
    static List<Element> children(Node parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node n = parent == null ? null : parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    static Element child(Node parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    static String text(Node parent, String name) {
        Element e = child(parent, name);
        return e == null ? null : e.getTextContent().trim();
    }

    /** The consumer's test class path, as surefire gives it to the forked JVM. */
    static List<Path> testClassPath() {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<Path> entries = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            if (!entry.isBlank() && Files.exists(Path.of(entry))) {
                entries.add(Path.of(entry).toAbsolutePath().normalize());
            }
        }
        return entries;
    }

    private static String property(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + name + " not set (the consumer pom sets it)");
        }
        return value;
    }
}

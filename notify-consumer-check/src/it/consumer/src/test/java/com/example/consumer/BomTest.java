package com.example.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/** desknotify-bom pins every published artefact at the version built, and nothing else. */
class BomTest {

    @Test
    void bomManagesExactlyThePublishedArtefactsAtThisVersionAndPinsNoThirdParty() {
        Element bom = Published.pom("desknotify-bom").getDocumentElement();
        // a parent would bring its own dependencyManagement (JUnit, resilience4j, ...) into every importer
        assertThat(Published.child(bom, "parent")).as("the BOM's parent").isNull();
        assertThat(Published.text(bom, "packaging")).isEqualTo("pom");
        assertThat(Published.text(bom, "version")).isEqualTo(Published.VERSION);

        List<Element> managed = Published.children(
                Published.child(Published.child(bom, "dependencyManagement"), "dependencies"), "dependency");
        assertThat(managed).extracting(d -> Published.text(d, "groupId")).containsOnly(Published.GROUP);
        assertThat(managed).extracting(d -> Published.text(d, "artifactId"))
                .containsExactlyInAnyOrderElementsOf(Published.ARTIFACTS);
        assertThat(managed).extracting(d -> Published.text(d, "version"))
                .allMatch(v -> v.equals("${project.version}") || v.equals(Published.VERSION));
        Published.ARTIFACTS.forEach(a -> assertThat(Published.jar(a)).as(a + " installed").isRegularFile());
    }

    @Test
    void everyPublishedPomNamesTheLicenceAndTheMetadataMavenCentralRequires() {
        for (String artifactId : List.of("desknotify-parent", "desknotify-bom")) {
            Element pom = Published.pom(artifactId).getDocumentElement();
            assertThat(Published.text(pom, "name")).as("name of %s", artifactId).isNotBlank();
            assertThat(Published.text(pom, "description")).as("description of %s", artifactId).isNotBlank();
            assertThat(Published.text(pom, "url")).as("url of %s", artifactId).startsWith("https://");
            Element license = Published.child(Published.child(pom, "licenses"), "license");
            assertThat(Published.text(license, "name")).isEqualTo("Apache License, Version 2.0");
            assertThat(Published.child(Published.child(pom, "developers"), "developer")).isNotNull();
            assertThat(Published.text(Published.child(pom, "scm"), "connection")).startsWith("scm:git:");
        }
        // the modules inherit licence, developers and scm from desknotify-parent and name themselves
        for (String artifactId : Published.ARTIFACTS) {
            Element pom = Published.pom(artifactId).getDocumentElement();
            assertThat(Published.text(Published.child(pom, "parent"), "artifactId")).isEqualTo("desknotify-parent");
            assertThat(Published.text(pom, "name")).as("name of %s", artifactId).isNotBlank();
            assertThat(Published.text(pom, "description")).as("description of %s", artifactId).isNotBlank();
        }
    }
}

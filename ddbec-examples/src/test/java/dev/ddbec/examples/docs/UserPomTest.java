package dev.ddbec.examples.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The application pom of docs/getting-started.md (src/test/resources/user-pom.xml): it imports this
 * build's BOM and AWS SDK BOM versions, and every ddbec artifact it adds is in the BOM.
 */
class UserPomTest {
  @Test
  void userPom_matchesTheBuild() throws Exception {
    Path root = DocsSnippetsTest.repoRoot();
    Document user = parse(root.resolve("ddbec-examples/src/test/resources/user-pom.xml"));
    Document bom = parse(root.resolve("ddbec-bom/pom.xml"));
    List<String> bomArtifacts = new ArrayList<>();
    for (Element d : dependencies(bom)) {
      bomArtifacts.add(text(d, "artifactId"));
    }

    int checked = 0;
    for (Element d : dependencies(user)) {
      String group = text(d, "groupId");
      String artifact = text(d, "artifactId");
      if ("import".equals(text(d, "scope"))) {
        String expected =
            artifact.equals("ddbec-bom")
                ? System.getProperty("ddbec.version")
                : System.getProperty("ddbec.awssdk.version");
        assertThat(text(d, "version")).as(group + ":" + artifact).isEqualTo(expected);
        checked++;
      } else if (group.equals("dev.ddbec")) {
        assertThat(bomArtifacts).as("the BOM manages " + artifact).contains(artifact);
        assertThat(text(d, "version")).as("versions come from the BOM").isNull();
        checked++;
      }
    }
    assertThat(checked).isEqualTo(4);
  }

  /**
   * The plugins the page's pom pins are those this build uses, at the same versions: the project
   * builds with what a build of ddbec has already fetched (GettingStartedTest runs it offline).
   */
  @Test
  void userPom_pinsThePluginVersionsOfTheBuild() throws Exception {
    Path root = DocsSnippetsTest.repoRoot();
    Document user = parse(root.resolve("ddbec-examples/src/test/resources/user-pom.xml"));
    Document build = parse(root.resolve("pom.xml"));
    Map<String, String> buildVersions = new HashMap<>();
    for (Element p : elements(build, "plugin")) {
      buildVersions.put(text(p, "artifactId"), text(p, "version"));
    }
    List<Element> plugins = elements(user, "plugin");
    for (Element p : plugins) {
      String artifact = text(p, "artifactId");
      assertThat(text(p, "version"))
          .as(artifact)
          .isNotNull()
          .isEqualTo(buildVersions.get(artifact));
    }
    assertThat(plugins).hasSize(3);
  }

  private static Document parse(Path file) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(file.toFile());
  }

  private static List<Element> dependencies(Document doc) {
    return elements(doc, "dependency");
  }

  private static List<Element> elements(Document doc, String tag) {
    NodeList nodes = doc.getElementsByTagName(tag);
    List<Element> out = new ArrayList<>();
    for (int i = 0; i < nodes.getLength(); i++) {
      out.add((Element) nodes.item(i));
    }
    return out;
  }

  private static String text(Element e, String child) {
    NodeList n = e.getElementsByTagName(child);
    return n.getLength() == 0 ? null : n.item(0).getTextContent().trim();
  }
}

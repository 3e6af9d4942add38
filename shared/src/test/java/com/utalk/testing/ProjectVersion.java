package com.utalk.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * The version written in the root pom.xml, read from the file itself (not through the build's
 * filtering), so a test can check that what a process reports is the project's version.
 */
public final class ProjectVersion {
  private ProjectVersion() {}

  public static String fromRootPom() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null && !isRootPom(dir.resolve("pom.xml"))) {
      dir = dir.getParent();
    }
    if (dir == null) {
      throw new IllegalStateException(
          "no root pom.xml (artifactId utalk-backend) above " + Path.of("").toAbsolutePath());
    }
    return child(root(dir.resolve("pom.xml")), "version");
  }

  private static boolean isRootPom(Path pom) {
    return Files.isRegularFile(pom) && "utalk-backend".equals(child(root(pom), "artifactId"));
  }

  private static Element root(Path pom) {
    try {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
      return factory.newDocumentBuilder().parse(pom.toFile()).getDocumentElement();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read " + pom, e);
    }
  }

  /** The text of a direct child element (the project's own, not its parent's). */
  private static String child(Element element, String name) {
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element child && child.getTagName().equals(name)) {
        return child.getTextContent().trim();
      }
    }
    return null;
  }
}

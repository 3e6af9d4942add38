package com.utalk.ops.release;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The coverage figures of a JaCoCo XML report (the build's merged one is {@code
 * coverage/target/site/jacoco-aggregate/jacoco.xml}): the report-level {@code <counter type="LINE"
 * missed covered>} and {@code type="BRANCH"} — the direct children of {@code <report>}, which sum
 * every package.
 */
record CoverageReport(
    long linesCovered, long linesMissed, long branchesCovered, long branchesMissed) {
  static final double THRESHOLD = 0.80;
  static final String DEFAULT_PATH = "coverage/target/site/jacoco-aggregate/jacoco.xml";

  static CoverageReport read(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
      // JaCoCo names its report.dtd: never fetch it, never expand entities
      factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
      factory.setFeature("http://xml.org/sax/features/external-general-entities", false);
      factory.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
      factory.setExpandEntityReferences(false);
      Element report = factory.newDocumentBuilder().parse(in).getDocumentElement();
      if (!report.getTagName().equals("report")) {
        throw new IOException(
            file + " is not a JaCoCo report (root <" + report.getTagName() + ">)");
      }
      long[] line = null;
      long[] branch = null;
      NodeList children = report.getChildNodes();
      for (int i = 0; i < children.getLength(); i++) {
        Node node = children.item(i);
        if (node instanceof Element counter && counter.getTagName().equals("counter")) {
          long[] figures = {
            Long.parseLong(counter.getAttribute("covered")),
            Long.parseLong(counter.getAttribute("missed"))
          };
          switch (counter.getAttribute("type")) {
            case "LINE" -> line = figures;
            case "BRANCH" -> branch = figures;
            default -> {}
          }
        }
      }
      if (line == null || branch == null) {
        throw new IOException(file + " has no report-level LINE and BRANCH counters");
      }
      return new CoverageReport(line[0], line[1], branch[0], branch[1]);
    } catch (IOException e) {
      throw e;
    } catch (Exception e) {
      throw new IOException(file + " is not readable XML: " + e.getMessage(), e);
    }
  }

  double lines() {
    return share(linesCovered, linesMissed);
  }

  double branches() {
    return share(branchesCovered, branchesMissed);
  }

  boolean passes() {
    return lines() >= THRESHOLD && branches() >= THRESHOLD;
  }

  String figures() {
    return String.format(
        Locale.ROOT,
        "lines %.1f%% (%d of %d), branches %.1f%% (%d of %d)",
        lines() * 100,
        linesCovered,
        linesCovered + linesMissed,
        branches() * 100,
        branchesCovered,
        branchesCovered + branchesMissed);
  }

  private static double share(long covered, long missed) {
    return covered + missed == 0 ? 0 : (double) covered / (covered + missed);
  }
}

import java.io.File;
import java.util.Locale;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Prints the line and branch coverage of each module and of the whole build from JaCoCo's merged
 * report (coverage/target/site/jacoco-aggregate/jacoco.xml); exits 1 when the whole build is under
 * a minimum (lines, branches: coverage/pom.xml's). JaCoCo's own check fails the build first; this
 * is the pipeline's readable summary, with how far each figure is from the 80% target.
 *
 *   java .ci/CoverageSummary.java coverage/target/site/jacoco-aggregate/jacoco.xml 0.80 0.72
 */
public class CoverageSummary {
  public static void main(String[] args) throws Exception {
    DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
    // jacoco.xml names a DTD that is not shipped with it
    factory.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
    Element report = factory.newDocumentBuilder().parse(new File(args[0])).getDocumentElement();
    double lines = Double.parseDouble(args[1]);
    double branches = Double.parseDouble(args.length > 2 ? args[2] : args[1]);
    System.out.printf("%-28s %8s %8s%n", "module", "lines", "branches");
    for (Node node = report.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element group && group.getTagName().equals("group")) {
        System.out.printf("%-28s %8s %8s%n", group.getAttribute("name"), percent(group, "LINE"), percent(group, "BRANCH"));
      }
    }
    System.out.printf("%-28s %8s %8s   (minimum %.0f%% lines, %.0f%% branches; target 80%%)%n", "all modules",
        percent(report, "LINE"), percent(report, "BRANCH"), lines * 100, branches * 100);
    if (ratio(report, "LINE") < lines || ratio(report, "BRANCH") < branches) {
      System.out.println("coverage is under the minimum");
      System.exit(1);
    }
  }

  private static String percent(Element element, String type) {
    return String.format(Locale.ROOT, "%.1f%%", ratio(element, type) * 100);
  }

  /** The element's own counter of that type (its direct child), covered / (covered + missed). */
  private static double ratio(Element element, String type) {
    for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
      if (node instanceof Element counter && counter.getTagName().equals("counter") && counter.getAttribute("type").equals(type)) {
        double covered = Double.parseDouble(counter.getAttribute("covered"));
        double missed = Double.parseDouble(counter.getAttribute("missed"));
        return covered + missed == 0 ? 1 : covered / (covered + missed);
      }
    }
    return 0;
  }
}

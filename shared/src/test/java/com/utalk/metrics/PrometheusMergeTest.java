package com.utalk.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PrometheusMergeTest {
  @Test
  void familiesAppearOnceWithEverySampleLabelledByService() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put(
        "a",
        "# HELP x_total X\n# TYPE x_total counter\nx_total{k=\"1\"} 3\n# TYPE up gauge\nup 1\n");
    texts.put("b", "# HELP x_total X\n# TYPE x_total counter\nx_total{k=\"2\"} 4\n");
    assertEquals(
        "# TYPE up gauge\nup{service=\"a\"} 1\n"
            + "# HELP x_total X\n# TYPE x_total counter\nx_total{service=\"a\",k=\"1\"} 3\nx_total{service=\"b\",k=\"2\"} 4\n",
        PrometheusMerge.merge(texts));
  }

  @Test
  void untypedSamplesKeepTheirOwnFamilyAndCommentsAndBlankLinesAreDropped() {
    Map<String, String> texts = new LinkedHashMap<>();
    texts.put("api", "\n# a comment the exporter wrote\nbare_gauge 7\nempty_labels{} 2\n# EOF\n");
    texts.put("odd\"name", "bare_gauge 8\n");
    assertEquals(
        "bare_gauge{service=\"api\"} 7\n"
            + "bare_gauge{service=\"odd\\\"name\"} 8\n"
            + "empty_labels{service=\"api\"} 2\n",
        PrometheusMerge.merge(texts),
        "each family's samples together (the text format requires it); the service escaped");
  }

  @Test
  void aHistogramsSeriesStayInItsFamily() {
    Map<String, String> texts = new LinkedHashMap<>();
    for (String service : new String[] {"a", "b"}) {
      texts.put(
          service,
          "# TYPE d histogram\nd_bucket{le=\"+Inf\"} 1\nd_count 1\nd_sum 0.5\n"
              + "d_other 9\n# TYPE e gauge\ne 1\n");
    }
    assertEquals(
        "# TYPE d histogram\n"
            + "d_bucket{service=\"a\",le=\"+Inf\"} 1\nd_count{service=\"a\"} 1\nd_sum{service=\"a\"} 0.5\n"
            + "d_bucket{service=\"b\",le=\"+Inf\"} 1\nd_count{service=\"b\"} 1\nd_sum{service=\"b\"} 0.5\n"
            + "d_other{service=\"a\"} 9\nd_other{service=\"b\"} 9\n"
            + "# TYPE e gauge\ne{service=\"a\"} 1\ne{service=\"b\"} 1\n",
        PrometheusMerge.merge(texts));
  }
}

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
}

package com.utalk.terraform;

import com.utalk.slo.Slo;
import com.utalk.slo.Slos;
import com.utalk.slo.ThresholdAlert;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every alert policy's documentation links a runbook that exists: the SLO burn-rate and threshold
 * alerts name theirs in the code's catalog ({@link Slos}), other policies in the monitoring
 * module's own text ({@code ${var.runbook_base_url}/<file>}). An on-call engineer following the
 * link must land on a file of runbooks/.
 */
public final class RunbookLinks {
  private static final Pattern LITERAL_LINK =
      Pattern.compile("\\$\\{var\\.runbook_base_url\\}/([A-Za-z0-9._-]+\\.md)");

  private RunbookLinks() {}

  /** Alert -> the runbooks/ file it links. */
  public static Map<String, String> links(Path monitoringModule) {
    Map<String, String> links = new LinkedHashMap<>();
    for (Slo slo : Slos.ALL) {
      links.put("burn-rate alert of SLO " + slo.id(), Slos.runbook(slo));
    }
    for (ThresholdAlert alert : Slos.THRESHOLD_ALERTS) {
      links.put("threshold alert " + alert.id(), alert.runbook());
    }
    try (Stream<Path> files = Files.list(monitoringModule)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".tf")).sorted().toList()) {
        Matcher link = LITERAL_LINK.matcher(Files.readString(file));
        while (link.find()) {
          links.put(file.getFileName() + " link " + link.group(1), link.group(1));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return links;
  }

  public static List<String> check(Map<String, String> links, Path runbooks) {
    List<String> problems = new ArrayList<>();
    links.forEach(
        (alert, runbook) -> {
          if (!Files.isRegularFile(runbooks.resolve(runbook))) {
            problems.add(alert + " links runbooks/" + runbook + ", which does not exist");
          }
        });
    return problems;
  }
}

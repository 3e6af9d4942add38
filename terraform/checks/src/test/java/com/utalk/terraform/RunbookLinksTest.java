package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunbookLinksTest {
  private static final Path RUNBOOKS = Checks.REPO.root().resolve("runbooks");

  @Test
  void everyAlertLinksARunbookThatExists() {
    Map<String, String> links = RunbookLinks.links(Checks.REPO.modules().resolve("monitoring"));
    assertTrue(
        links.size() > 10, "the SLO, threshold and module alerts are all read: " + links.keySet());
    assertEquals("eventos-rt-sin-acks.md", links.get("burn-rate alert of SLO ws-availability"));
    assertEquals(List.of(), RunbookLinks.check(links, RUNBOOKS));
  }

  @Test
  void aLinkToAMissingRunbookIsReported() {
    Map<String, String> links =
        new LinkedHashMap<>(RunbookLinks.links(Checks.REPO.modules().resolve("monitoring")));
    links.put("threshold alert api-down", "api-caida.md");
    assertEquals(
        List.of("threshold alert api-down links runbooks/api-caida.md, which does not exist"),
        RunbookLinks.check(links, RUNBOOKS));
  }
}

package com.utalk.functions.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which request paths a route answers, and the ids it reads from them. */
class PathTemplateTest {
  private static final PathTemplate MESSAGES = PathTemplate.of("/api/conversations/{id}/messages");

  @Test
  void aMatchingPathGivesItsParameters() {
    assertEquals(
        Optional.of(Map.of("id", "c-1")), MESSAGES.match("/api/conversations/c-1/messages"));
    assertEquals(
        Optional.of(Map.of("id", "c-1")),
        MESSAGES.match("/api/conversations/c-1/messages/"),
        "a trailing slash is the same path");
    assertEquals(
        Optional.of(Map.of("id", "c 1")),
        MESSAGES.match("/api/conversations/c 1/messages"),
        "segments arrive decoded once and are not decoded again");
  }

  @Test
  void otherPathsDoNotMatch() {
    assertEquals(Optional.empty(), MESSAGES.match("/api/conversations/c-1"));
    assertEquals(Optional.empty(), MESSAGES.match("/api/conversations/c-1/messages/m-1"));
    assertEquals(Optional.empty(), MESSAGES.match("/api/conversations//messages"), "an empty id");
    assertEquals(Optional.empty(), MESSAGES.match("/api/users/c-1/messages"));
    assertEquals(Optional.empty(), MESSAGES.match("/api/conversations/c-1/messages//"));
    assertEquals("/api/conversations/{id}/messages", MESSAGES.toString());
  }

  @Test
  void theRootAndFixedPaths() {
    assertEquals(Optional.of(Map.of()), PathTemplate.of("/api/kpis").match("/api/kpis"));
    assertEquals(Optional.empty(), PathTemplate.of("/api/kpis").match("/"));
  }
}

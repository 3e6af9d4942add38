package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReadableLogTest {
  @Test
  void jsonLinesBecomeOneReadableLine() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReadableLog log = new ReadableLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    log.line(
        "whatsapp-inbound-webhook",
        "{\"severity\":\"WARNING\",\"message\":\"signature rejected\",\"time\":\"2026-01-01T10:00:00Z\",\"service\":\"x\","
            + "\"requestId\":\"r-1\",\"logging.googleapis.com/labels\":{\"requestId\":\"r-1\"},\"status\":403}");
    log.line("firestore-emulator", "API endpoint: http://127.0.0.1:8780");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("WARNING".substring(0, 4) + " "), out);
    assertTrue(out.contains("whatsapp-inbound-webhook"), out);
    assertTrue(out.contains("signature rejected  requestId=r-1  status=403"), out);
    assertTrue(!out.contains("labels"), out);
    assertTrue(
        out.contains("firestore-emulator") && out.contains("API endpoint: http://127.0.0.1:8780"),
        out);
  }

  @Test
  void controlCharactersInALoggedValueAreEscapedSoTheLogStaysText() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReadableLog log = new ReadableLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    // What the gateway's JSON line holds for a request to /api/a%00b: Jackson escapes the NUL.
    log.line(
        "gateway",
        "{\"severity\":\"DEBUG\",\"message\":\"gateway GET /api/a\\u0000b\",\"path\":\"x\\u001b[31m\"}");
    log.line("gcloud", "raw\u0000line");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(
        out.chars().noneMatch(c -> c < 0x20 && c != '\n' && c != '\t'),
        "no control character in: " + out);
    assertTrue(out.contains("gateway GET /api/a\\u0000b"), out);
    assertTrue(out.contains("path=x\\u001b[31m"), out);
    assertTrue(out.contains("raw\\u0000line"), out);
  }

  @Test
  void aStackTraceIsPrintedIndentedUnderItsLineAndJsonWithoutAMessageIsShownAsIs() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReadableLog log = new ReadableLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), false);
    log.line(
        "functions-host",
        "{\"severity\":\"ERROR\",\"message\":\"send failed\",\"time\":\"not a time\","
            + "\"stack_trace\":\"java.io.IOException: reset\\n\\tat A.b(A.java:1)\"}");
    log.line("pubsub-emulator", "{\"level\":\"info\",\"msg\":\"started\"}");
    log.line("pubsub-emulator", "   ");

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertEquals(4, lines.size(), String.join("\n", lines));
    assertTrue(
        lines.get(0).contains("ERROR functions-host") && lines.get(0).endsWith("send failed"));
    assertEquals("      java.io.IOException: reset", lines.get(1));
    assertEquals("      \tat A.b(A.java:1)", lines.get(2), "a tab is kept");
    assertTrue(lines.get(3).endsWith("{\"level\":\"info\",\"msg\":\"started\"}"), lines.get(3));
  }

  @Test
  void onATerminalEachSeverityHasItsColour() {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    ReadableLog log = new ReadableLog(new PrintStream(bytes, true, StandardCharsets.UTF_8), true);
    for (String severity : List.of("CRITICAL", "WARNING", "DEBUG", "INFO")) {
      log.line("gateway", "{\"severity\":\"" + severity + "\",\"message\":\"m\"}");
    }
    log.note("up\u007f");

    List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
    assertTrue(lines.get(0).contains("\u001b[31mCRIT \u001b[0m"), lines.get(0));
    assertTrue(lines.get(1).contains("\u001b[33mWARN \u001b[0m"), lines.get(1));
    assertTrue(lines.get(2).contains("\u001b[2mDEBUG\u001b[0m"), lines.get(2));
    assertTrue(lines.get(3).contains("\u001b[32mINFO \u001b[0m"), lines.get(3));
    assertTrue(lines.get(4).contains("\u001b[1mstack\u001b[0m  up"), lines.get(4));
  }

  @Test
  void controlCharactersAreEscapedWhereverTheyAreAndTabsKept() {
    assertEquals("a\\u007fb\tc\\u0001", ReadableLog.printable("a\u007fb\tc\u0001"));
    assertEquals("plain", ReadableLog.printable("plain"));
  }
}

package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
}

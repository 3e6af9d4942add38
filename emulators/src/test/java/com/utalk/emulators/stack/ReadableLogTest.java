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
    log.line("whatsapp-inbound-webhook",
        "{\"severity\":\"WARNING\",\"message\":\"signature rejected\",\"time\":\"2026-01-01T10:00:00Z\",\"service\":\"x\","
            + "\"requestId\":\"r-1\",\"logging.googleapis.com/labels\":{\"requestId\":\"r-1\"},\"status\":403}");
    log.line("firestore-emulator", "API endpoint: http://127.0.0.1:8780");
    String out = bytes.toString(StandardCharsets.UTF_8);
    assertTrue(out.contains("WARNING".substring(0, 4) + " "), out);
    assertTrue(out.contains("whatsapp-inbound-webhook"), out);
    assertTrue(out.contains("signature rejected  requestId=r-1  status=403"), out);
    assertTrue(!out.contains("labels"), out);
    assertTrue(out.contains("firestore-emulator") && out.contains("API endpoint: http://127.0.0.1:8780"), out);
  }
}

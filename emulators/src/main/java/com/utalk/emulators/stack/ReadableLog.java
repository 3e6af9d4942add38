package com.utalk.emulators.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * Turns the JSON log lines every process writes (LogSetup's Cloud Logging format) into one readable
 * console line each: {@code 12:00:01.234 INFO gateway message key=value}. Lines that are not JSON
 * (gcloud, the invoker before our logging starts) are shown as they are.
 */
final class ReadableLog {
  private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

  /** Fields already shown in the line's prefix, or constant for the whole stack. */
  private static final Set<String> HIDDEN =
      Set.of(
          "severity",
          "message",
          "time",
          "service",
          "environment",
          "version",
          "logger",
          "stack_trace",
          "logging.googleapis.com/labels",
          "logging.googleapis.com/trace");

  private final PrintStream out;
  private final boolean color;

  ReadableLog(PrintStream out, boolean color) {
    this.out = out;
    this.color = color;
  }

  /** Colour only on a terminal that wants it (https://no-color.org). */
  static ReadableLog forConsole() {
    boolean tty =
        System.console() != null
            && System.getenv("NO_COLOR") == null
            && !"dumb".equals(System.getenv("TERM"));
    return new ReadableLog(System.out, tty);
  }

  /** A note from the launcher itself. */
  synchronized void note(String message) {
    out.println(LocalTime.now().format(CLOCK) + " " + paint("1", "stack") + "  " + message);
    out.flush();
  }

  synchronized void line(String component, String raw) {
    String trimmed = raw.strip();
    if (trimmed.isEmpty()) {
      return;
    }
    JsonNode json = trimmed.startsWith("{") ? tryParse(trimmed) : null;
    if (json == null || !json.has("message")) {
      out.println(
          LocalTime.now().format(CLOCK)
              + " "
              + pad("", 5)
              + " "
              + paint("2", pad(component, 24))
              + " "
              + printable(trimmed));
      out.flush();
      return;
    }
    String severity = json.path("severity").asText("INFO");
    StringBuilder line = new StringBuilder();
    line.append(time(json.path("time").asText(null)))
        .append(' ')
        .append(
            paint(
                severityColour(severity),
                pad(severity.length() > 5 ? severity.substring(0, 4) : severity, 5)))
        .append(' ')
        .append(paint("2", pad(component, 24)))
        .append(' ')
        .append(printable(json.path("message").asText()));
    for (Iterator<Map.Entry<String, JsonNode>> fields = json.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (!HIDDEN.contains(field.getKey())) {
        JsonNode value = field.getValue();
        line.append("  ")
            .append(paint("2", field.getKey() + "="))
            .append(printable(value.isTextual() ? value.asText() : value.toString()));
      }
    }
    out.println(line);
    if (json.hasNonNull("stack_trace")) {
      json.get("stack_trace")
          .asText()
          .lines()
          .forEach(trace -> out.println("      " + printable(trace)));
    }
    out.flush();
  }

  /** An OutputStream for LogSetup: each complete line it receives is printed as {@link #line}. */
  OutputStream asOutputStream(String component) {
    return new OutputStream() {
      private final ByteArrayOutputStream pending = new ByteArrayOutputStream();

      @Override
      public synchronized void write(int b) {
        if (b == '\n') {
          line(component, pending.toString(StandardCharsets.UTF_8));
          pending.reset();
        } else {
          pending.write(b);
        }
      }

      @Override
      public synchronized void write(byte[] bytes, int offset, int length) {
        for (int i = offset; i < offset + length; i++) {
          write(bytes[i]);
        }
      }
    };
  }

  /**
   * Control characters (a decoded {@code %00} in a logged path, say) written raw would make the log
   * a binary file to grep; they are shown as {@code \\uXXXX} escapes instead.
   */
  static String printable(String text) {
    StringBuilder out = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      boolean control = (c < 0x20 && c != '\t') || c == 0x7f;
      if (control && out == null) {
        out = new StringBuilder(text.length() + 8).append(text, 0, i);
      }
      if (out != null) {
        if (control) {
          out.append(String.format("\\u%04x", (int) c));
        } else {
          out.append(c);
        }
      }
    }
    return out == null ? text : out.toString();
  }

  private static JsonNode tryParse(String text) {
    try {
      return Json.read(text.getBytes(StandardCharsets.UTF_8));
    } catch (RuntimeException e) {
      return null;
    }
  }

  private static String time(String iso) {
    try {
      return iso == null
          ? LocalTime.now().format(CLOCK)
          : LocalTime.ofInstant(Instant.parse(iso), ZoneId.systemDefault()).format(CLOCK);
    } catch (DateTimeParseException e) {
      return LocalTime.now().format(CLOCK);
    }
  }

  private static String severityColour(String severity) {
    return switch (severity) {
      case "ERROR", "CRITICAL", "ALERT", "EMERGENCY" -> "31";
      case "WARNING" -> "33";
      case "DEBUG" -> "2";
      default -> "32";
    };
  }

  private String paint(String code, String text) {
    return color ? "\u001b[" + code + "m" + text + "\u001b[0m" : text;
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}

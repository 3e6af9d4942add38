package com.utalk.emulators.functionhost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The functions host's command line (written by the launcher): a malformed one is refused with what
 * was expected before any class loader or port is opened.
 */
class FunctionHostArgumentsTest {
  @Test
  void aFunctionSpecNamesItsEntryPointPortAndMetricsPort() {
    assertEquals(
        new HostedFunction(
            "whatsapp-inbound-webhook", "com.utalk.functions.messaging.Inbound", 8801, 8901),
        HostedFunction.parse(
            "whatsapp-inbound-webhook=com.utalk.functions.messaging.Inbound@8801,8901"));
  }

  @Test
  void aMalformedFunctionSpecIsRefusedShowingTheExpectedShape() {
    for (String spec :
        List.of("=com.x.Y@1,2", "name-com.x.Y@1,2", "name=com.x.Y", "name=com.x.Y@8801")) {
      IllegalArgumentException refused =
          assertThrows(IllegalArgumentException.class, () -> HostedFunction.parse(spec), spec);
      assertEquals("expected name=entryPoint@port,metricsPort, got " + spec, refused.getMessage());
    }
  }

  @Test
  void anUnknownOptionOrAMissingPartOfTheCommandIsRefused() {
    IllegalArgumentException unknown =
        assertThrows(
            IllegalArgumentException.class,
            () -> FunctionHostMain.main(new String[] {"--classpath", "x"}));
    assertEquals("unknown option --classpath", unknown.getMessage());

    for (String[] args :
        List.of(
            new String[] {"--project", "p", "--function", "a=b.C@1,2"},
            new String[] {"--libraries", "l", "--function", "a=b.C@1,2"},
            new String[] {"--libraries", "l", "--project", "p"})) {
      IllegalArgumentException incomplete =
          assertThrows(IllegalArgumentException.class, () -> FunctionHostMain.main(args));
      assertEquals(
          "usage: --libraries CP --project CP --function name=entryPoint@port,metricsPort ...",
          incomplete.getMessage());
    }
  }
}

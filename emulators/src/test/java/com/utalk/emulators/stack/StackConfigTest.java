package com.utalk.emulators.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.config.Settings;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StackConfigTest {
  private final StackConfig config =
      StackConfig.from(Settings.of(Map.of("UTALK_REPO_ROOT", "/repo")));

  @Test
  void clientEnvironmentIsTheDocumentedFixedSet() {
    Map<String, String> env = config.clientEnv();
    assertEquals(
        List.of(
            "GATEWAY_URL",
            "REALTIME_URL",
            "GOOGLE_CLOUD_PROJECT",
            "FIRESTORE_EMULATOR_HOST",
            "FIRESTORE_DATABASE",
            "PUBSUB_EMULATOR_HOST",
            "TWILIO_ACCOUNT_SID",
            "TWILIO_AUTH_TOKEN",
            "TWILIO_API_BASE_URL",
            "WHATSAPP_NUMBER",
            "PUBLIC_BASE_URL",
            "ADMIN_EMAIL",
            "ADMIN_PASSWORD",
            "DEVELOPER_EMAIL",
            "DEVELOPER_PASSWORD",
            "OPERATOR_EMAIL",
            "OPERATOR_PASSWORD",
            "READONLY_EMAIL",
            "READONLY_PASSWORD",
            "AGENT_EMAIL",
            "AGENT_PASSWORD"),
        List.copyOf(env.keySet()));
    assertEquals("admin@demo.utalk.local", env.get("ADMIN_EMAIL"));
    assertTrue(env.get("AGENT_PASSWORD").length() >= 8);
    assertEquals("http://127.0.0.1:8080", env.get("GATEWAY_URL"));
    assertEquals("http://127.0.0.1:8090", env.get("REALTIME_URL"));
    assertEquals("utalk-local", env.get("GOOGLE_CLOUD_PROJECT"));
    assertEquals("127.0.0.1:8780", env.get("FIRESTORE_EMULATOR_HOST"));
    assertEquals("127.0.0.1:8785", env.get("PUBSUB_EMULATOR_HOST"));
    assertTrue(env.get("TWILIO_ACCOUNT_SID").matches("AC[0-9a-f]{32}"));
    assertEquals(32, env.get("TWILIO_AUTH_TOKEN").length());
    assertEquals("http://127.0.0.1:8790", env.get("TWILIO_API_BASE_URL"));
    assertEquals("+14155238886", env.get("WHATSAPP_NUMBER"));
    assertEquals("http://127.0.0.1:8080", env.get("PUBLIC_BASE_URL"));
  }

  @Test
  void portsAreOverridable() {
    StackConfig custom =
        StackConfig.from(
            Settings.of(
                Map.of(
                    "UTALK_GATEWAY_PORT",
                    "9080",
                    "UTALK_FIRST_FUNCTION_PORT",
                    "9901",
                    "UTALK_REALTIME_PORT",
                    "9090")));
    assertEquals("http://127.0.0.1:9080", custom.publicBaseUrl());
    assertEquals("http://127.0.0.1:9090", custom.clientEnv().get("REALTIME_URL"));
    assertEquals(9901, custom.functionPort(FunctionCatalog.FUNCTIONS.get(0)));
  }

  @Test
  void everyCatalogFunctionRunsInTheOneFunctionsHostOnItsOwnPort() {
    List<ServiceSpec> services = LocalServices.all(config);
    ServiceSpec host =
        services.stream().filter(s -> s.name().equals("functions-host")).findFirst().orElseThrow();
    assertEquals(2, services.size(), "the functions host and the realtime service");
    List<String> command = host.command();
    assertEquals(
        "com.utalk.emulators.functionhost.FunctionHostMain",
        command.get(command.indexOf("--libraries") - 1));
    String project = command.get(command.indexOf("--project") + 1);
    String libraries = command.get(command.indexOf("--libraries") + 1);
    assertTrue(project.startsWith(Path.of("/repo/functions/target/classes").toString()), project);
    assertTrue(libraries.contains("java-function-invoker"), "one invoker for all: " + libraries);
    assertTrue(
        !libraries.contains("/com/utalk/") && !libraries.startsWith("/repo"),
        "no project class is shared: " + libraries);
    for (int i = 0; i < FunctionCatalog.FUNCTIONS.size(); i++) {
      FunctionSpec function = FunctionCatalog.FUNCTIONS.get(i);
      ServiceSpec.Endpoint endpoint = host.endpoints().get(i);
      assertEquals(function.name(), endpoint.name());
      assertEquals(8801 + i, endpoint.port());
      assertEquals(function.isHttp(), endpoint.probeWithGet());
      assertTrue(
          command.contains(
              function.name() + "=" + function.entryPoint() + "@" + (8801 + i) + "," + (8901 + i)),
          command.toString());
    }
    Map<String, String> env = host.env();
    assertEquals("development", env.get("APP_ENV"));
    assertEquals("utalk-local", env.get("GOOGLE_CLOUD_PROJECT"));
    assertEquals("http://127.0.0.1:8790", env.get("TWILIO_API_BASE_URL"));
    assertEquals("http://127.0.0.1:8080", env.get("PUBLIC_BASE_URL"));
    assertTrue(
        !env.containsKey("K_SERVICE") && !env.containsKey("PORT"),
        "each function's own, given by the host: " + env);
    assertTrue(host.problem().contains("not built"), "nothing is built under /repo");
  }

  @Test
  void theRealtimeServiceRunsFromItsModuleOnItsOwnPort() {
    ServiceSpec realtime =
        LocalServices.all(config).stream()
            .filter(s -> s.name().equals("realtime-service"))
            .findFirst()
            .orElseThrow();
    assertEquals(
        List.of(new ServiceSpec.Endpoint("realtime-service", "service", 8090, true)),
        realtime.endpoints());
    assertEquals(
        "com.utalk.realtime.RealtimeMain", realtime.command().get(realtime.command().size() - 1));
    String classpath = realtime.command().get(realtime.command().indexOf("-cp") + 1);
    assertTrue(
        classpath.startsWith(Path.of("/repo/realtime-service/target/classes").toString()),
        classpath);
    assertEquals("8090", realtime.env().get("PORT"));
    assertEquals("realtime-service", realtime.env().get("K_SERVICE"));
    assertTrue(realtime.env().containsKey("JWT_SECRET"), "verifies the same tokens as the API");
  }
}

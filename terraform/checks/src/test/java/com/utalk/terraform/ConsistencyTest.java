package com.utalk.terraform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.utalk.metrics.MetricNames;
import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import com.utalk.platform.Topics;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Check 4: code and Terraform agree both ways; each disagreement is named. */
class ConsistencyTest {
  private static TerraformInventory terraform() {
    return TerraformInventory.of(
        Checks.tree(), Checks.REPO.modules(), Checks.REPO.environments(), Environments.NAMES);
  }

  private static CodeInventory code() {
    return CodeInventory.of(Checks.REPO);
  }

  private static String problems(CodeInventory code) {
    return String.join("\n", Consistency.check(code, terraform()));
  }

  @Test
  void theCodeAndTerraformAgree() {
    List<String> problems = Consistency.check(code(), terraform());
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void theReadmeConfigurationTableDocumentsExactlyTheSettingsTheCodeReads() {
    List<String> problems =
        ReadmeSettings.compare(
            ReadmeSettings.read(Checks.REPO.readme()), code().settings().keySet());
    assertEquals(List.of(), problems, String.join("\n", problems));
  }

  @Test
  void theCodeReadsTheSettingsWeKnowOf() {
    // The scan must see reads in every deployed module, or the check above proves nothing.
    Map<String, String> read = code().settings();
    assertTrue(read.get("TWILIO_SEND_MAX_ATTEMPTS").startsWith("shared/"), read.toString());
    assertTrue(read.get("SLO_SOURCE").startsWith("functions/"), read.toString());
    assertTrue(read.get("REALTIME_DRAIN_SECONDS").startsWith("realtime-service/"), read.toString());
    // read through a constant: settings.get(SETTING, ...) in PullMode,
    // settings.getBoolean(SHARED_JVM_SETTING, ...)
    assertTrue(read.get("REALTIME_PUBSUB_PULL").startsWith("realtime-service/"), read.toString());
    assertTrue(read.get("FUNCTION_HOST_SHARED_JVM").startsWith("shared/"), read.toString());
  }

  @Test
  void aFunctionWithoutItsTerraformIsNamed() {
    List<FunctionSpec> functions = new ArrayList<>(FunctionCatalog.FUNCTIONS);
    functions.add(
        new FunctionSpec(
            "media-thumbnailer",
            "com.utalk.functions.media.MediaThumbnailer",
            new FunctionTrigger.PubSub("thumbnails")));
    String problems =
        problems(code().withFunctions(functions).withTopics(append(Topics.ALL, "thumbnails")));
    assertTrue(
        problems.contains(
            "function media-thumbnailer (com.utalk.functions.media.MediaThumbnailer) is in "
                + "FunctionCatalog but not in terraform/modules/utalk/catalog.tf locals.functions"),
        problems);
    assertTrue(
        problems.contains("dev: function media-thumbnailer has no function_sizing entry"),
        problems);
    assertTrue(
        problems.contains("prod: function media-thumbnailer has no function_sizing entry"),
        problems);
    assertTrue(
        problems.contains(
            "topic thumbnails is in Topics but not in terraform/modules/utalk/catalog.tf locals.topics"),
        problems);
  }

  @Test
  void terraformForAFunctionTheCodeDoesNotHaveIsNamed() {
    List<FunctionSpec> functions = new ArrayList<>(FunctionCatalog.FUNCTIONS);
    functions.removeIf(spec -> spec.name().equals("kpi-rollup"));
    String problems = problems(code().withFunctions(functions));
    assertTrue(
        problems.contains(
            "function kpi-rollup is declared in terraform/modules/utalk/catalog.tf but FunctionCatalog has no such function"),
        problems);
    assertTrue(
        problems.contains(
            "staging: function_sizing names kpi-rollup, which FunctionCatalog does not have"),
        problems);
  }

  @Test
  void aChangedTriggerOrEntryPointIsNamed() {
    List<FunctionSpec> functions = new ArrayList<>();
    for (FunctionSpec spec : FunctionCatalog.FUNCTIONS) {
      functions.add(
          switch (spec.name()) {
            case "api" ->
                new FunctionSpec(
                    "api", spec.entryPoint(), new FunctionTrigger.Http("/v2/api", true));
            case "bot-replier" ->
                new FunctionSpec("bot-replier", "com.utalk.functions.bot.NewBot", spec.trigger());
            case "kpi-counter-ratings" ->
                new FunctionSpec(
                    spec.name(),
                    spec.entryPoint(),
                    new FunctionTrigger.Firestore(
                        "google.cloud.firestore.document.v1.created", "ratings/{ratingId}"));
            case "kpi-rollup" ->
                new FunctionSpec(
                    spec.name(), spec.entryPoint(), new FunctionTrigger.PubSub("kpi-hourly"));
            default -> spec;
          });
    }
    String problems = problems(code().withFunctions(functions));
    assertTrue(
        problems.contains(
            "function api: HTTP path is /v2/api/** in FunctionCatalog but /api/** in"),
        problems);
    assertTrue(
        problems.contains(
            "function bot-replier: entry point is com.utalk.functions.bot.NewBot in FunctionCatalog but com.utalk.functions.bot.BotReplier"),
        problems);
    assertTrue(
        problems.contains(
            "function kpi-counter-ratings: FunctionCatalog triggers it on google.cloud.firestore.document.v1.created of ratings/{ratingId}"),
        problems);
    assertTrue(
        problems.contains(
            "function kpi-rollup: FunctionCatalog triggers it on Pub/Sub topic kpi-hourly"),
        problems);
    assertTrue(
        problems.contains(
            "function kpi-rollup is triggered by topic kpi-hourly, which Terraform does not declare"),
        problems);
  }

  @Test
  void topicsOnOneSideOnlyAreNamed() {
    List<String> topics = new ArrayList<>(Topics.ALL);
    topics.remove(Topics.SECRET_ROTATIONS);
    topics.add("agent-presence");
    String problems = problems(code().withTopics(topics));
    assertTrue(
        problems.contains(
            "topic agent-presence is in Topics but not in terraform/modules/utalk/catalog.tf locals.topics"),
        problems);
    assertTrue(
        problems.contains(
            "topic secret-rotations is declared in terraform/modules/utalk/catalog.tf locals.topics but Topics does not have it"),
        problems);
  }

  @Test
  void settingsOnOneSideOnlyAreNamed() {
    Map<String, String> settings = new TreeMap<>(code().settings());
    settings.put("BOT_TEMPERATURE", "shared/src/main/java/com/utalk/bot/Example.java");
    settings.remove("MEDIA_BUCKET");
    String problems = problems(code().withSettings(settings));
    assertTrue(
        problems.contains(
            "setting BOT_TEMPERATURE is read by the code (shared/src/main/java/com/utalk/bot/Example.java) but "
                + "Terraform neither sets it nor lists it"),
        problems);
    assertTrue(
        problems.contains(
            "setting MEDIA_BUCKET is declared in Terraform (utalk/main.tf) but the code never reads it"),
        problems);
    List<String> readme =
        ReadmeSettings.compare(ReadmeSettings.read(Checks.REPO.readme()), settings.keySet());
    assertTrue(
        readme.contains(
            "setting BOT_TEMPERATURE is read by the code but missing from the README configuration table"),
        readme.toString());
    assertTrue(
        readme.contains("README documents setting MEDIA_BUCKET, which the code never reads"),
        readme.toString());
  }

  @Test
  void aCredentialAsAPlainVariableAndAnUnmountedSecretAreNamed() {
    HclFiles fixture = Checks.fixtures("bad-catalog");
    TerraformInventory bad =
        TerraformInventory.of(
            fixture,
            Checks.fixture("bad-catalog/modules"),
            Checks.fixture("bad-catalog/environments"),
            List.of("dev"));
    List<String> problems = Consistency.check(code(), bad);
    String all = String.join("\n", problems);
    assertTrue(
        all.contains(
            "setting OPENAI_API_KEY looks like a credential but is a plain environment variable in functions/main.tf"),
        all);
    assertTrue(
        all.contains(
            "secret MEDIA_URL_SIGNING_KEY (media-url-signing-key) is declared but no function mounts it"),
        all);
    assertTrue(
        all.contains(
            "function api mounts secret TWILIO_TOKEN, which secret_settings in terraform/modules/utalk/catalog.tf lacks"),
        all);
    assertTrue(
        all.contains(
            "dev: settings overrides DATABASE_URL, which is not in terraform/modules/utalk/catalog.tf tunable_settings"),
        all);
    assertTrue(
        all.contains(
            "scheduler job nightly publishes to nightly-jobs, which Terraform does not declare"),
        all);
  }

  @Test
  void theIndexesNameOnlyCollectionsAndFieldsTheCodeUses() {
    Set<String> literals = IndexCheck.literals(Checks.REPO);
    assertEquals(
        List.of(),
        IndexCheck.check(Checks.tree(), Checks.REPO.modules().resolve("firestore"), literals));
    Set<String> renamed = new HashSet<>(literals);
    renamed.remove("lastMessageAt");
    List<String> problems =
        IndexCheck.check(Checks.tree(), Checks.REPO.modules().resolve("firestore"), renamed);
    assertTrue(
        problems.contains(
            "index conversations_workspace_recent: field lastMessageAt of conversations is not named in the code"),
        problems.toString());
  }

  @Test
  void dashboardsAndAlertsNameOnlyMetricsTheCodeExports() {
    assertEquals(List.of(), MetricReferences.check(Checks.REPO.modules(), MetricNames.ALL));
    List<String> renamed = new ArrayList<>(MetricNames.ALL);
    renamed.remove("socket_connections_active");
    renamed.remove("external_requests_total");
    List<String> problems = MetricReferences.check(Checks.REPO.modules(), renamed);
    assertTrue(
        problems.contains(
            "monitoring/dashboards.tf names metric socket_connections_active, which MetricNames does not have"),
        problems.toString());
    assertTrue(
        problems.contains(
            "monitoring/slos.generated.json names metric external_requests_total, which MetricNames does not have"),
        problems.toString());
  }

  private static List<String> append(List<String> list, String value) {
    List<String> copy = new ArrayList<>(list);
    copy.add(value);
    return copy;
  }
}

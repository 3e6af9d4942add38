package com.utalk.terraform;

import com.fasterxml.jackson.databind.JsonNode;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.FunctionTrigger;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Check 4: code and infrastructure agree, both ways. Every message names the function, topic,
 * secret or setting and says where to add or remove it.
 */
public final class Consistency {
  static final String CATALOG = "terraform/modules/utalk/catalog.tf";

  /** A setting whose value is a credential must come from Secret Manager. */
  private static final Pattern SECRET_NAME = Pattern.compile(".*(TOKEN|SECRET|PASSWORD|_KEY)$");

  /** Names a Secret Manager secret, it is not one. */
  private static final Set<String> SECRET_REFERENCES = Set.of("JWT_SECRET_NAME");

  private Consistency() {}

  public static List<String> check(CodeInventory code, TerraformInventory tf) {
    List<String> problems = new ArrayList<>();
    functions(code, tf, problems);
    topics(code, tf, problems);
    settings(code, tf, problems);
    secrets(tf, problems);
    return problems;
  }

  private static void functions(CodeInventory code, TerraformInventory tf, List<String> problems) {
    Set<String> codeNames = new LinkedHashSet<>();
    for (FunctionSpec spec : code.functions()) {
      codeNames.add(spec.name());
      JsonNode declared = tf.functions().get(spec.name());
      if (declared == null) {
        problems.add(
            "function "
                + spec.name()
                + " ("
                + spec.entryPoint()
                + ") is in FunctionCatalog but not in "
                + CATALOG
                + " locals.functions");
        continue;
      }
      if (!spec.entryPoint().equals(declared.path("entry_point").asText())) {
        problems.add(
            "function "
                + spec.name()
                + ": entry point is "
                + spec.entryPoint()
                + " in FunctionCatalog but "
                + declared.path("entry_point").asText()
                + " in "
                + CATALOG);
      }
      trigger(spec, declared.path("trigger"), problems);
      for (JsonNode topic : declared.path("publishes")) {
        if (!tf.topics().contains(topic.asText())) {
          problems.add(
              "function "
                  + spec.name()
                  + " publishes to "
                  + topic.asText()
                  + ", which "
                  + CATALOG
                  + " locals.topics lacks");
        }
      }
    }
    for (String name : tf.functions().keySet()) {
      if (!codeNames.contains(name)) {
        problems.add(
            "function "
                + name
                + " is declared in "
                + CATALOG
                + " but FunctionCatalog has no such function");
      }
    }
    tf.environments()
        .forEach(
            (env, environment) -> {
              for (String name : codeNames) {
                if (!environment.sizedFunctions().contains(name)) {
                  problems.add(
                      env
                          + ": function "
                          + name
                          + " has no function_sizing entry in terraform/environments/"
                          + env
                          + "/terraform.tfvars");
                }
              }
              for (String name : environment.sizedFunctions()) {
                if (!codeNames.contains(name)) {
                  problems.add(
                      env
                          + ": function_sizing names "
                          + name
                          + ", which FunctionCatalog does not have");
                }
              }
            });
  }

  private static void trigger(FunctionSpec spec, JsonNode declared, List<String> problems) {
    String type = declared.path("type").asText();
    String where = "function " + spec.name() + ": ";
    if (spec.trigger() instanceof FunctionTrigger.Http http) {
      if (!"http".equals(type)) {
        problems.add(
            where + "FunctionCatalog triggers it over HTTP but " + CATALOG + " says " + type);
      } else if (!http.path().equals(declared.path("path").asText())
          || http.prefix() != declared.path("prefix").asBoolean()) {
        problems.add(
            where
                + "HTTP path is "
                + http.path()
                + (http.prefix() ? "/**" : "")
                + " in FunctionCatalog but "
                + declared.path("path").asText()
                + (declared.path("prefix").asBoolean() ? "/**" : "")
                + " in "
                + CATALOG);
      }
    } else if (spec.trigger() instanceof FunctionTrigger.PubSub pubsub) {
      if (!"pubsub".equals(type) || !pubsub.topic().equals(declared.path("topic").asText())) {
        problems.add(
            where
                + "FunctionCatalog triggers it on Pub/Sub topic "
                + pubsub.topic()
                + " but "
                + CATALOG
                + " says "
                + type
                + " "
                + declared.path("topic").asText(""));
      }
    } else {
      FunctionTrigger.Firestore firestore = (FunctionTrigger.Firestore) spec.trigger();
      if (!"firestore".equals(type)
          || !firestore.eventType().equals(declared.path("event_type").asText())
          || !firestore.documentPattern().equals(declared.path("document").asText())) {
        problems.add(
            where
                + "FunctionCatalog triggers it on "
                + firestore.eventType()
                + " of "
                + firestore.documentPattern()
                + " but "
                + CATALOG
                + " says "
                + type
                + " "
                + declared.path("event_type").asText("")
                + " of "
                + declared.path("document").asText(""));
      }
    }
  }

  private static void topics(CodeInventory code, TerraformInventory tf, List<String> problems) {
    for (String topic : code.topics()) {
      if (tf.infrastructureTopics().contains(topic)) {
        problems.add(
            "topic "
                + topic
                + " is in Topics now: move it from infrastructure_topics to locals.topics in "
                + CATALOG);
      } else if (!tf.topics().contains(topic)) {
        problems.add("topic " + topic + " is in Topics but not in " + CATALOG + " locals.topics");
      }
    }
    for (String topic : tf.topics()) {
      if (!code.topics().contains(topic)) {
        problems.add(
            "topic "
                + topic
                + " is declared in "
                + CATALOG
                + " locals.topics but Topics does not have it");
      }
    }
    for (FunctionSpec spec : code.functions()) {
      if (spec.trigger() instanceof FunctionTrigger.PubSub pubsub
          && !tf.topics().contains(pubsub.topic())
          && !tf.infrastructureTopics().contains(pubsub.topic())) {
        problems.add(
            "function "
                + spec.name()
                + " is triggered by topic "
                + pubsub.topic()
                + ", which Terraform does not declare");
      }
    }
    tf.schedulerJobTopics()
        .forEach(
            (job, topic) -> {
              if (!tf.topics().contains(topic) && !tf.infrastructureTopics().contains(topic)) {
                problems.add(
                    "scheduler job "
                        + job
                        + " publishes to "
                        + topic
                        + ", which Terraform does not declare");
              }
            });
  }

  private static void settings(CodeInventory code, TerraformInventory tf, List<String> problems) {
    Set<String> set = new HashSet<>(tf.plainSettings().keySet());
    set.addAll(tf.secretSettings().keySet());
    set.addAll(tf.tunableSettings());
    for (Map.Entry<String, String> read : code.settings().entrySet()) {
      String name = read.getKey();
      if (!set.contains(name) && !tf.notDeployedSettings().contains(name)) {
        problems.add(
            "setting "
                + name
                + " is read by the code ("
                + read.getValue()
                + ") but Terraform neither sets it nor lists it in "
                + CATALOG
                + " tunable_settings or not_deployed_settings");
      }
      if (set.contains(name) && tf.notDeployedSettings().contains(name)) {
        problems.add(
            "setting "
                + name
                + " is set by Terraform and also listed in not_deployed_settings of "
                + CATALOG);
      }
    }
    for (String name : union(set, tf.notDeployedSettings())) {
      if (!code.settings().containsKey(name) && !tf.runtimeSettings().contains(name)) {
        String where = tf.plainSettings().getOrDefault(name, CATALOG);
        problems.add(
            "setting "
                + name
                + " is declared in Terraform ("
                + where
                + ") but the code never reads it");
      }
    }
    for (String name : tf.runtimeSettings()) {
      if (!tf.plainSettings().containsKey(name)) {
        problems.add(
            "runtime setting "
                + name
                + " is listed in "
                + CATALOG
                + " runtime_settings but no module sets it");
      }
    }
    tf.environments()
        .forEach(
            (env, environment) -> {
              for (String name : environment.settings()) {
                if (!tf.tunableSettings().contains(name)) {
                  problems.add(
                      env
                          + ": settings overrides "
                          + name
                          + ", which is not in "
                          + CATALOG
                          + " tunable_settings");
                }
              }
            });
  }

  private static void secrets(TerraformInventory tf, List<String> problems) {
    for (String name : tf.plainSettings().keySet()) {
      if (SECRET_NAME.matcher(name).matches() && !SECRET_REFERENCES.contains(name)) {
        problems.add(
            "setting "
                + name
                + " looks like a credential but is a plain environment variable in "
                + tf.plainSettings().get(name)
                + ": add it to secret_settings in "
                + CATALOG);
      }
    }
    Set<String> mounted = new HashSet<>();
    tf.functions()
        .forEach(
            (name, fn) ->
                fn.path("secrets")
                    .forEach(
                        secret -> {
                          mounted.add(secret.asText());
                          if (!tf.secretSettings().containsKey(secret.asText())) {
                            problems.add(
                                "function "
                                    + name
                                    + " mounts secret "
                                    + secret.asText()
                                    + ", which secret_settings in "
                                    + CATALOG
                                    + " lacks");
                          }
                        }));
    for (String secret : tf.secretSettings().keySet()) {
      if (!mounted.contains(secret)) {
        problems.add(
            "secret "
                + secret
                + " ("
                + tf.secretSettings().get(secret)
                + ") is declared but no function mounts it");
      }
    }
  }

  private static Set<String> union(Set<String> a, List<String> b) {
    Set<String> all = new TreeSet<>(a);
    all.addAll(b);
    return all;
  }
}

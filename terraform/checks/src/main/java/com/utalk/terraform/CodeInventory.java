package com.utalk.terraform;

import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code deploys and reads: the function catalog, the topics, and every setting read
 * through {@code Settings} (name -> the first source file that reads it).
 */
public record CodeInventory(List<FunctionSpec> functions, List<String> topics, Map<String, String> settings) {
  /** Settings' readers: find, get, require, getInt, getLong, getBoolean with a literal name. */
  private static final Pattern SETTING_READ =
      Pattern.compile("\\.(?:find|get|require|getInt|getLong|getBoolean)\\(\\s*\"([A-Z][A-Z0-9_]+)\"");
  /** The code that runs deployed (tests and the local stack read their own settings). */
  static final List<String> DEPLOYED_SOURCES =
      List.of("shared/src/main/java", "functions/src/main/java", "realtime-service/src/main/java");

  public static CodeInventory of(Repo repo) {
    return new CodeInventory(FunctionCatalog.FUNCTIONS, Topics.ALL, settingsRead(repo));
  }

  public CodeInventory withFunctions(List<FunctionSpec> replaced) {
    return new CodeInventory(replaced, topics, settings);
  }

  public CodeInventory withTopics(List<String> replaced) {
    return new CodeInventory(functions, replaced, settings);
  }

  public CodeInventory withSettings(Map<String, String> replaced) {
    return new CodeInventory(functions, topics, replaced);
  }

  static Map<String, String> settingsRead(Repo repo) {
    Map<String, String> settings = new TreeMap<>();
    for (String folder : DEPLOYED_SOURCES) {
      try (Stream<Path> files = Files.walk(repo.root().resolve(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).sorted().toList()) {
          Matcher matcher = SETTING_READ.matcher(Files.readString(file));
          while (matcher.find()) {
            settings.putIfAbsent(matcher.group(1), repo.root().relativize(file).toString());
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return settings;
  }
}

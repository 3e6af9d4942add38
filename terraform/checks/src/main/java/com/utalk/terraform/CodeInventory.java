package com.utalk.terraform;

import com.utalk.platform.FunctionCatalog;
import com.utalk.platform.FunctionSpec;
import com.utalk.platform.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the code deploys and reads: the function catalog, the topics, and every setting read through
 * {@code Settings} (name -> the first source file that reads it).
 */
public record CodeInventory(
    List<FunctionSpec> functions, List<String> topics, Map<String, String> settings) {
  /** Settings' readers: find, get, require, getInt, getLong, getBoolean with a literal name... */
  private static final Pattern SETTING_READ =
      Pattern.compile(
          "\\.(?:find|get|require|getInt|getLong|getBoolean)\\(\\s*\"([A-Z][A-Z0-9_]+)\"");

  /**
   * ...or with a constant, on a receiver named settings ({@code settings.get(PullMode.SETTING,
   * ...)}).
   */
  private static final Pattern SETTING_READ_BY_CONSTANT =
      Pattern.compile(
          "\\bsettings(?:\\(\\))?\\.(?:find|get|require|getInt|getLong|getBoolean)\\(\\s*(?:([A-Z]\\w*)\\.)?([A-Z][A-Z0-9_]*)\\s*[,)]");

  private static final Pattern STRING_CONSTANT =
      Pattern.compile("static final String ([A-Z][A-Z0-9_]*) = \"([A-Z][A-Z0-9_]+)\";");

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
    Map<Path, String> sources = new TreeMap<>();
    for (String folder : DEPLOYED_SOURCES) {
      try (Stream<Path> files = Files.walk(repo.root().resolve(folder))) {
        for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
          sources.put(file, Files.readString(file));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    // Class simple name -> its String constants whose values look like setting names.
    Map<String, Map<String, String>> constants = new HashMap<>();
    sources.forEach(
        (file, text) -> {
          Matcher matcher = STRING_CONSTANT.matcher(text);
          while (matcher.find()) {
            constants
                .computeIfAbsent(className(file), k -> new HashMap<>())
                .put(matcher.group(1), matcher.group(2));
          }
        });
    Map<String, String> settings = new TreeMap<>();
    sources.forEach(
        (file, text) -> {
          String where = repo.root().relativize(file).toString();
          Matcher literal = SETTING_READ.matcher(text);
          while (literal.find()) {
            settings.putIfAbsent(literal.group(1), where);
          }
          Matcher byConstant = SETTING_READ_BY_CONSTANT.matcher(text);
          while (byConstant.find()) {
            String owner = byConstant.group(1) != null ? byConstant.group(1) : className(file);
            String value = constants.getOrDefault(owner, Map.of()).get(byConstant.group(2));
            if (value != null) {
              settings.putIfAbsent(value, where);
            }
          }
        });
    return settings;
  }

  private static String className(Path file) {
    String name = file.getFileName().toString();
    return name.substring(0, name.length() - ".java".length());
  }
}

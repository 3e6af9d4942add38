package com.utalk.terraform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The README's configuration table: the setting names in the first column of its rows. */
public final class ReadmeSettings {
  private static final Pattern NAME = Pattern.compile("`([A-Z][A-Z0-9_]+)`");

  private ReadmeSettings() {}

  public static Set<String> read(Path readme) {
    try {
      Set<String> names = new TreeSet<>();
      boolean inTable = false;
      for (String line : Files.readAllLines(readme)) {
        if (line.startsWith("| variable | used by |")) {
          inTable = true;
          continue;
        }
        if (inTable && !line.startsWith("|")) {
          break;
        }
        if (inTable) {
          String firstColumn = line.split("\\|", 3)[1];
          Matcher matcher = NAME.matcher(firstColumn);
          while (matcher.find()) {
            names.add(matcher.group(1));
          }
        }
      }
      return names;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Settings the code reads that the table does not document, and rows the code never reads. */
  public static List<String> compare(Set<String> documented, Set<String> read) {
    List<String> problems = new ArrayList<>();
    for (String name : read) {
      if (!documented.contains(name)) {
        problems.add(
            "setting "
                + name
                + " is read by the code but missing from the README configuration table");
      }
    }
    for (String name : documented) {
      if (!read.contains(name)) {
        problems.add("README documents setting " + name + ", which the code never reads");
      }
    }
    return problems;
  }
}

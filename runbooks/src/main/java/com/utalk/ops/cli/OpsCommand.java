package com.utalk.ops.cli;

import java.util.List;

/**
 * One command family of {@code runbooks/ops}: a runbook ({@code whatsapp diagnose|fix}) or any
 * other operator procedure ({@code release pre|during|post}). A new family is one class
 * implementing this and one line in {@link Commands}.
 */
public interface OpsCommand {
  /** The word typed after {@code runbooks/ops}. */
  String name();

  /** What {@code --help} shows, e.g. the runbook's Spanish title and its runbooks/*.md file. */
  String summary();

  List<OpsAction> actions();
}

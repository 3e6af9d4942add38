package com.utalk.platform;

import java.util.List;

/**
 * Every Pub/Sub topic the code publishes to or is triggered by (Terraform declares the same set).
 */
public final class Topics {
  public static final String CONVERSATION_EVENTS = "conversation-events";
  public static final String OUTBOUND_MESSAGES = "outbound-messages";

  /** Secret Manager rotation notifications (SECRET_ROTATE) for the JWT signing secret. */
  public static final String SECRET_ROTATIONS = "secret-rotations";

  /** Cloud Scheduler publishes here hourly; the KPI rollup runs on it. */
  public static final String KPI_ROLLUP = "kpi-rollup";

  /** Cloud Scheduler publishes here daily; the Firestore and media backups run on it. */
  public static final String BACKUPS = "backups";

  public static final List<String> ALL =
      List.of(CONVERSATION_EVENTS, OUTBOUND_MESSAGES, SECRET_ROTATIONS, KPI_ROLLUP, BACKUPS);

  private Topics() {}
}

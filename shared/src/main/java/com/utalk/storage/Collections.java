package com.utalk.storage;

/** Firestore collection names (the operations reference's names where it has one). */
public final class Collections {
  public static final String USERS = "users";
  public static final String CONVERSATIONS = "conversations";
  public static final String MESSAGES = "messages";
  public static final String MEDIA = "media";
  public static final String ESCALATIONS = "escalations";
  public static final String BOT_RUNS = "botRuns";
  public static final String WORKSPACES = "workspaces";
  public static final String WHATSAPP_NUMBERS = "whatsappNumbers";

  /** One document per (workspace, contact): points at the contact's current conversation. */
  public static final String CONTACT_THREADS = "contactThreads";

  /** Subcollection of a conversation: its events by sequence number (outbox and replay log). */
  public static final String EVENTS = "events";

  /**
   * Twilio MessageSid → our outbound message, plus statuses that arrived before the sid was known.
   */
  public static final String TWILIO_SIDS = "twilioSids";

  /** CloudEvent ids already handled, per function. */
  public static final String PROCESSED_EVENTS = "processedEvents";

  /** Customers' answers to the satisfaction survey (CSAT 1–5, NPS 0–10). */
  public static final String RATINGS = "ratings";

  /** KPI counters per workspace-hour, sharded: {@code {workspace}_{hour}_{shard}}. */
  public static final String KPI_COUNTERS = "kpiCounters";

  /** KPI rollups: {@code kpis/{workspace}/{hour|day|week|month}/{periodKey}}. */
  public static final String KPIS = "kpis";

  /** State of the hourly KPI rollup (its watermark). */
  public static final String KPI_ROLLUP = "kpiRollup";

  private Collections() {}
}

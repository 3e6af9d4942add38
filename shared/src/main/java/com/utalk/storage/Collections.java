package com.utalk.storage;

/** Firestore collection names (the seed's names where it has one). */
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
  /** Twilio MessageSid → our outbound message, plus statuses that arrived before the sid was known. */
  public static final String TWILIO_SIDS = "twilioSids";
  /** CloudEvent ids already handled, per function. */
  public static final String PROCESSED_EVENTS = "processedEvents";

  private Collections() {}
}
